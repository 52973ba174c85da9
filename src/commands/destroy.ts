import type { Stack } from '@aws-sdk/client-cloudformation'

import { InputError } from '../errors.js'
import { findStack } from '../stack/commons.js'
import { deleteStack } from '../stack/deletion.js'
import { deadlineOf } from '../stack/deadline.js'
import { EventStream } from '../stack/events.js'
import { waitForStack } from '../stack/operation.js'
import { removeParameters } from '../stack/parameter-cleanup.js'
import { parameterPath } from '../stack/parameter-path.js'
import { isSettling } from '../stack/stack-state.js'
import { notFound } from '../stack/stack-state.js'
import { setTerminationProtection } from '../stack/termination.js'
import type { Deadline } from '../wait/clock.js'
import type { Context } from './context.js'

/** destroy runs only when confirm names the stack; nothing is asked of AWS before. */
function checkConfirmation(context: Context): void {
  const { stackName, confirm } = context.inputs
  if (confirm !== stackName) {
    throw new InputError([
      {
        input: 'confirm',
        value: confirm,
        expected: `the stack name '${stackName}', to confirm that the stack and everything in it (the instance and the commons' database) are to be deleted`
      }
    ])
  }
}

/** Waits for an operation in progress, then reads the stack again. */
async function settled(context: Context, stack: Stack, deadline: Deadline) {
  const { reporter } = context
  const cloudFormation = context.aws().cloudFormation
  const stackName = context.inputs.stackName
  if (!isSettling(stack.StackStatus)) return stack

  reporter.info(
    `Stack '${stackName}' is ${stack.StackStatus ?? ''}: waiting for that operation to finish first`
  )
  const stream = new EventStream(
    cloudFormation,
    stack.StackId ?? stackName,
    reporter
  )
  await stream.begin()
  const ended = await waitForStack(
    cloudFormation,
    stream,
    deadline,
    reporter,
    `stack '${stackName}' to finish ${stack.StackStatus ?? ''}`
  )
  return ended?.StackStatus === 'DELETE_COMPLETE' ? undefined : ended
}

async function deleteIfThere(
  context: Context,
  deadline: Deadline
): Promise<boolean> {
  const { reporter } = context
  const clients = context.aws()
  const cloudFormation = clients.cloudFormation
  const stackName = context.inputs.stackName

  const found = await findStack(cloudFormation, stackName)
  const stack = found && (await settled(context, found, deadline))
  if (!stack) {
    reporter.notice(
      `Stack '${stackName}' does not exist in ${clients.region}: there is no stack to delete.`
    )
    return false
  }

  if (stack.EnableTerminationProtection) {
    await setTerminationProtection(cloudFormation, stackName, false)
    reporter.info(`Lifted termination protection from stack '${stackName}'`)
  }
  await deleteStack(cloudFormation, stack, deadline, reporter)
  return true
}

/**
 * Deletes the stack (lifting termination protection first), waits for
 * DELETE_COMPLETE streaming its events, then removes the SSM parameters the
 * action kept for it under parameterPath(stack-name).
 */
export async function destroy(context: Context): Promise<void> {
  checkConfirmation(context)
  const { inputs, reporter } = context
  const stackName = inputs.stackName
  const region = context.aws().region
  const path = parameterPath(stackName)
  const deadline = deadlineOf(context)

  let deleted: boolean
  try {
    deleted = await reporter.group(`Delete stack ${stackName}`, () =>
      deleteIfThere(context, deadline)
    )
  } catch (error) {
    await reporter.summary(
      `### Destroy of \`${stackName}\` failed\n\n${error instanceof Error ? error.message : String(error)}\n\nThe SSM parameters under \`${path}\` were kept.\n`
    )
    throw error
  }

  const removed = await reporter.group('Remove SSM parameters', () =>
    removeParameters(context.aws().ssm, path, reporter)
  )
  if (removed.length === 0) reporter.info(`No SSM parameters under ${path}`)

  reporter.setOutput('stack-status', deleted ? 'DELETE_COMPLETE' : notFound)
  await reporter.summary(
    `### Stack \`${stackName}\` destroyed (${region})\n\n` +
      `${deleted ? `Deleted after ${deadline.elapsedSeconds()} s` : 'There was no stack to delete'}; ` +
      `${removed.length} SSM parameter${removed.length === 1 ? '' : 's'} removed from \`${path}\`.\n`
  )
}
