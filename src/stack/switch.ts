import type { Context } from '../commands/context.js'
import type { Deadline } from '../wait/clock.js'
import { findStack, parametersOf, StackNotFoundError } from './commons.js'
import { updateParameters } from './update-parameters.js'

/** A 'true'/'false' stack parameter that hibernate and resume flip. */
export interface StackSwitch {
  parameter: string
  /** Said when the stack has no such parameter, and how loudly. */
  absent: { level: 'warning' | 'info'; message: (stackName: string) => string }
}

/** What setting the parameter did. */
export type SwitchChange = 'changed' | 'unchanged' | 'absent'

/**
 * Sets a switch parameter of the stack, keeping its template and every other
 * parameter. The update goes through a change set like every deploy: shown,
 * refused if it would replace the instance, its events streamed, its root
 * cause named when it fails. A stack busy with another operation is waited for.
 */
export async function setSwitch(
  context: Context,
  which: StackSwitch,
  on: boolean,
  deadline: Deadline
): Promise<SwitchChange> {
  const { inputs, reporter } = context
  const { cloudFormation, region } = context.aws()
  const { stackName } = inputs
  const { parameter } = which
  const wanted = on ? 'true' : 'false'

  const stack = await findStack(cloudFormation, stackName)
  if (!stack) throw new StackNotFoundError(stackName, region)
  const current = parametersOf(stack)[parameter]
  if (current === undefined) {
    reporter[which.absent.level](which.absent.message(stackName))
    return 'absent'
  }
  if (current === wanted) {
    reporter.notice(
      `The stack's ${parameter} parameter is already '${wanted}': nothing to change.`
    )
    return 'unchanged'
  }

  reporter.info(
    `Setting the stack's ${parameter} parameter to '${wanted}' (${deadline.elapsedSeconds()} s)`
  )
  const update = await updateParameters(
    context,
    stackName,
    { [parameter]: wanted },
    deadline
  )
  return update.changed ? 'changed' : 'unchanged'
}
