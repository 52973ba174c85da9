import type { Deadline } from './clock.js'

/** One look at the thing waited for: done with a value, or what is missing. */
export type Poll<T> =
  { done: true; value: T } | { done: false; missing: string }

export interface WaitOptions<T> {
  /** What is awaited, completing "waiting for …". */
  what: string
  deadline: Deadline
  poll: () => Promise<Poll<T>>
  firstDelayMilliseconds?: number
  maxDelayMilliseconds?: number
  /** Called after each poll that is not done, for debug logs. */
  onPending?: (missing: string, elapsedSeconds: number) => void
}

/** The time budget ran out; the message says what was still missing. */
export class WaitTimeoutError extends Error {
  constructor(
    readonly what: string,
    readonly missing: string,
    readonly elapsedSeconds: number
  ) {
    super(
      `Gave up waiting for ${what} after ${elapsedSeconds} s: ${missing}. ` +
        'Raise timeout-minutes if it needs longer.'
    )
    this.name = 'WaitTimeoutError'
  }
}

/**
 * Polls quickly at first, then backs off (×1.5 up to the maximum delay), and
 * gives up when the command's deadline leaves no time for another look.
 */
export async function waitFor<T>(options: WaitOptions<T>): Promise<T> {
  const { deadline } = options
  const maxDelay = options.maxDelayMilliseconds ?? 15_000
  let delay = options.firstDelayMilliseconds ?? 2_000

  for (;;) {
    const result = await options.poll()
    if (result.done) return result.value

    options.onPending?.(result.missing, deadline.elapsedSeconds())
    const remaining = deadline.remainingMilliseconds()
    if (remaining <= 0) {
      throw new WaitTimeoutError(
        options.what,
        result.missing,
        deadline.elapsedSeconds()
      )
    }

    await deadline.clock.sleep(Math.min(delay, remaining))
    delay = Math.min(maxDelay, Math.round(delay * 1.5))
  }
}
