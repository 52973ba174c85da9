import type { Context } from '../commands/context.js'
import { hibernatedParameter } from '../stack/stack-parameters.js'
import type { StackSwitch, SwitchChange } from '../stack/switch.js'
import { setSwitch } from '../stack/switch.js'
import type { Deadline } from '../wait/clock.js'

/** The Hibernated parameter, which turns the sleep page's listener rules on. */
const sleepPage: StackSwitch = {
  parameter: hibernatedParameter,
  absent: {
    level: 'warning',
    message: (stackName) =>
      `The stack '${stackName}' has no ${hibernatedParameter} parameter, so visitors get the load balancer's bare 503 while the commons sleeps instead of the hibernation page. Run deploy to add it.`
  }
}

/**
 * Turns the listener rules that answer 503 with the hibernation page on or
 * off, through the stack's Hibernated parameter.
 */
export function setHibernated(
  context: Context,
  hibernated: boolean,
  deadline: Deadline
): Promise<SwitchChange> {
  return setSwitch(context, sleepPage, hibernated, deadline)
}
