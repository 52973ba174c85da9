import { probe } from '../http/probe.js'
import { notFound } from '../stack/stack-state.js'
import type { Reporter } from '../report/reporter.js'
import type { CommonsStatus } from '../stack/status.js'
import { gatherStatus } from '../stack/status.js'
import { statusMarkdown, statusRows } from '../stack/summary.js'
import type { Context } from './context.js'

/** How long the HTTPS probe waits for the commons to answer. */
const probeTimeoutMilliseconds = 10_000

/** A running commons that does not answer well deserves a warning. */
function warnIfDown(found: CommonsStatus, reporter: Reporter): void {
  const answer = found.probe?.status ?? null
  if (found.instance?.state !== 'running' || !found.probe) return
  if (answer !== null && answer < 500) return
  reporter.warning(
    `The instance is running but ${found.probe.url} answers ${answer === null ? 'nothing' : `HTTP ${answer}`}: see the load balancer targets for the reason.`
  )
}

/**
 * Where the commons stands: stack, instance, hibernation, target health and
 * an HTTPS probe. Changes nothing, and succeeds whatever it finds.
 */
export async function status(context: Context): Promise<void> {
  const { inputs, reporter } = context
  const clients = context.aws()

  const found = await reporter.group(`Status of ${inputs.stackName}`, () =>
    gatherStatus(clients, inputs.stackName, (url) =>
      probe(url, {
        timeoutMilliseconds: probeTimeoutMilliseconds,
        now: () => context.clock.now()
      })
    )
  )

  if (found.stack.status === notFound) {
    reporter.notice(
      `Stack '${inputs.stackName}' does not exist in ${clients.region}: nothing is deployed. Run deploy to create it.`
    )
  } else {
    for (const [name, value] of statusRows(found)) {
      reporter.info(`${name}: ${value}`)
    }
    warnIfDown(found, reporter)
  }

  reporter.setOutput('status', JSON.stringify(found))
  reporter.setOutput('stack-status', found.stack.status)
  reporter.setOutput('instance-state', found.instance?.state ?? '')
  reporter.setOutput('url', found.url ?? '')
  await reporter.summary(statusMarkdown(found))
}
