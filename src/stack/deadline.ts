import type { Context } from '../commands/context.js'
import { Deadline } from '../wait/clock.js'

/** The command's one time budget, from timeout-minutes. */
export function deadlineOf(context: Context): Deadline {
  return Deadline.ofMinutes(context.clock, context.inputs.timeoutMinutes)
}
