import type { ProbeResult } from '../http/probe.js'
import { probe } from '../http/probe.js'
import type { Reporter } from '../report/reporter.js'
import type { Deadline } from '../wait/clock.js'
import { waitFor } from '../wait/poll.js'

function describeAnswer(result: ProbeResult): string {
  return result.status === undefined
    ? `no answer (${result.error ?? 'unknown error'})`
    : `HTTP ${result.status}`
}

/** Probes the commons' URL until it answers 200. */
export async function waitForAnswer(
  url: string,
  deadline: Deadline,
  reporter: Reporter
): Promise<ProbeResult> {
  let last: string | undefined

  return waitFor({
    what: `${url} to answer 200`,
    deadline,
    firstDelayMilliseconds: 3_000,
    maxDelayMilliseconds: 15_000,
    poll: async () => {
      const result = await probe(url, {
        timeoutMilliseconds: 10_000,
        now: () => deadline.clock.now()
      })
      const answer = describeAnswer(result)
      if (answer !== last) {
        reporter.info(`${url} gives ${answer} (${deadline.elapsedSeconds()} s)`)
        last = answer
      }
      return result.status === 200
        ? { done: true, value: result }
        : {
            done: false,
            missing:
              result.status === undefined
                ? `it gave ${answer}`
                : `its last answer was ${answer}`
          }
    },
    onPending: (missing, seconds) => {
      reporter.debug(`HTTPS probe: ${missing} (${seconds} s)`)
    }
  })
}
