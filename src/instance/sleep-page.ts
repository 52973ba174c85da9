import type { Context } from '../commands/context.js'
import {
  findStack,
  parametersOf,
  StackNotFoundError
} from '../stack/commons.js'
import { hibernatedParameter } from '../stack/stack-parameters.js'
import { updateParameters } from '../stack/update-parameters.js'
import type { Deadline } from '../wait/clock.js'

/** What setting the Hibernated parameter did. */
export type SleepPageChange = 'changed' | 'unchanged' | 'absent'

/**
 * Turns the listener rules that answer 503 with the hibernation page on or
 * off through the stack's Hibernated parameter. The update goes through a
 * change set like every deploy: shown, refused if it would replace the
 * instance, its events streamed, its root cause named when it fails.
 */
export async function setHibernated(
  context: Context,
  hibernated: boolean,
  deadline: Deadline
): Promise<SleepPageChange> {
  const { inputs, reporter } = context
  const { cloudFormation, region } = context.aws()
  const { stackName } = inputs
  const wanted = hibernated ? 'true' : 'false'

  const stack = await findStack(cloudFormation, stackName)
  if (!stack) throw new StackNotFoundError(stackName, region)
  const current = parametersOf(stack)[hibernatedParameter]
  if (current === undefined) {
    reporter.warning(
      `The stack '${stackName}' has no ${hibernatedParameter} parameter, so visitors get the load balancer's bare 503 while the commons sleeps instead of the hibernation page. Run deploy to add it.`
    )
    return 'absent'
  }
  if (current === wanted) {
    reporter.notice(
      `The stack's ${hibernatedParameter} parameter is already '${wanted}': nothing to change.`
    )
    return 'unchanged'
  }

  reporter.info(
    `Setting the stack's ${hibernatedParameter} parameter to '${wanted}' (${deadline.elapsedSeconds()} s)`
  )
  const update = await updateParameters(
    context,
    stackName,
    { [hibernatedParameter]: wanted },
    deadline
  )
  return update.changed ? 'changed' : 'unchanged'
}
