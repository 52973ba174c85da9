import type { Context } from '../commands/context.js'
import type { Deadline } from '../wait/clock.js'
import { applyChangeSet } from './apply.js'
import { changeSetName } from './change-set.js'
import type { StackDeployment } from './deployment.js'
import { parametersOf } from './commons.js'
import { deadlineOf } from './deadline.js'
import { deploymentOf } from './deployment.js'
import { settleStack } from './settle.js'
import { replaceParameters } from './stack-parameters.js'

/**
 * Changes some of the stack's parameters (such as Hibernated) and keeps the
 * template and every other parameter as they are, through a change set that
 * is shown, refused if it would replace the instance, executed, and followed
 * with streamed events until the stack is UPDATE_COMPLETE. A value that is
 * already set is a no-op with changed=false. Throws StackFailedError with the
 * root cause when the update fails.
 */
export async function updateParameters(
  context: Context,
  stackName: string,
  values: Record<string, string>,
  deadline: Deadline = deadlineOf(context)
): Promise<StackDeployment> {
  const { reporter } = context
  const clients = context.aws()
  const cloudFormation = clients.cloudFormation

  const settled = await settleStack(stackName, {
    cloudFormation,
    reporter,
    deadline,
    region: clients.region
  })
  if (settled.kind !== 'update') {
    throw new Error(`Stack '${stackName}' has nothing to update.`)
  }
  const { stack } = settled

  const applied = await applyChangeSet(
    {
      stackName,
      name: changeSetName(context.inputs.command, context.env, context.clock),
      type: 'UPDATE',
      templateBody: undefined,
      parameters: replaceParameters(parametersOf(stack), values),
      capabilities: stack.Capabilities ?? [],
      tags: undefined
    },
    {
      cloudFormation,
      reporter,
      deadline,
      region: clients.region,
      allowReplacement: false
    }
  )
  return deploymentOf(
    stackName,
    applied.stack,
    applied.changed,
    false,
    applied.changes
  )
}
