import type {
  CloudFormationClient,
  Stack
} from '@aws-sdk/client-cloudformation'

import type { Context } from '../commands/context.js'
import type { Reporter } from '../report/reporter.js'
import type { Synthesis } from '../template/synthesise.js'
import { stackTagKey } from '../template/tags.js'
import type { Deadline } from '../wait/clock.js'
import { applyChangeSet } from './apply.js'
import type { ChangeSetRequest } from './change-set.js'
import { changeSetName } from './change-set.js'
import { parametersOf } from './commons.js'
import { deadlineOf } from './deadline.js'
import { deleteStack } from './deletion.js'
import type { StackDeployment } from './deployment.js'
import { deploymentOf } from './deployment.js'
import { resolveImageId } from './image.js'
import { settleStack } from './settle.js'
import {
  capabilitiesFor,
  checkTemplateSize,
  chooseParameters,
  needsImage
} from './stack-parameters.js'
import { setTerminationProtection } from './termination.js'

async function protect(
  cloudFormation: CloudFormationClient,
  stack: Stack,
  wanted: boolean,
  reporter: Reporter
): Promise<void> {
  const name = stack.StackName ?? ''
  const on = stack.EnableTerminationProtection === true
  if (wanted && !on) {
    await setTerminationProtection(cloudFormation, name, true)
    reporter.info(
      `Termination protection is on for stack '${name}': only destroy, with confirm set to the stack name, lifts it`
    )
  } else if (!wanted && on) {
    reporter.info(
      `Termination protection stays on for stack '${name}': deploy never lifts it, destroy does`
    )
  }
}

/** Deletes a stack left in ROLLBACK_COMPLETE, so that it can be created anew. */
async function clearFailedCreate(
  cloudFormation: CloudFormationClient,
  failed: Stack,
  deadline: Deadline,
  reporter: Reporter
): Promise<void> {
  const name = failed.StackName ?? ''
  const reason = failed.StackStatusReason
  reporter.warning(
    `Stack '${name}' is ROLLBACK_COMPLETE: its first create failed${reason ? ` (${reason})` : ''} and it cannot be updated. ` +
      'Deleting it and creating it again.'
  )
  if (failed.EnableTerminationProtection) {
    // A failed create holds no resources, so its protection guards nothing.
    await setTerminationProtection(cloudFormation, name, false)
    reporter.info(
      `Lifted termination protection from the failed stack '${name}'`
    )
  }
  await deleteStack(cloudFormation, failed, deadline, reporter)
}

/**
 * Creates or updates the commons' stack from a synthesis, through a change
 * set named for this run. On first create the AMI is read once from SSM; on
 * update ImageId and Hibernated keep their previous values. Returns once the
 * stack is CREATE_COMPLETE or UPDATE_COMPLETE, or nothing needed to change.
 */
export async function deployStack(
  context: Context,
  synthesis: Synthesis,
  deadline: Deadline = deadlineOf(context)
): Promise<StackDeployment> {
  const { inputs, reporter } = context
  const clients = context.aws()
  const cloudFormation = clients.cloudFormation
  const stackName = inputs.stackName
  checkTemplateSize(synthesis.body)

  const settled = await reporter.group(`Stack ${stackName}`, () =>
    settleStack(stackName, {
      cloudFormation,
      reporter,
      deadline,
      region: clients.region,
      recreate: (failed) =>
        clearFailedCreate(cloudFormation, failed, deadline, reporter)
    })
  )
  const previous =
    settled.kind === 'update' ? parametersOf(settled.stack) : undefined

  let imageId: string | undefined
  if (needsImage(synthesis.template, previous)) {
    imageId = await resolveImageId(
      clients.ssm,
      synthesis.imageParameterName,
      clients.region
    )
    reporter.info(
      `AMI ${imageId} from ${synthesis.imageParameterName}; later deploys keep it`
    )
  }

  const request: ChangeSetRequest = {
    stackName,
    name: changeSetName(inputs.command, context.env, context.clock),
    type: settled.kind === 'update' ? 'UPDATE' : 'CREATE',
    templateBody: synthesis.body,
    parameters: chooseParameters(synthesis, previous, imageId),
    capabilities: capabilitiesFor(synthesis.template),
    // Stack tags reach the resources the template cannot tag (listeners and
    // their rules, for the schemas cfn-lint checks against).
    tags: { ...inputs.tags, [stackTagKey]: stackName }
  }
  const applied = await applyChangeSet(request, {
    cloudFormation,
    reporter,
    deadline,
    region: clients.region,
    allowReplacement: inputs.allowReplacement
  })

  await protect(
    cloudFormation,
    applied.stack,
    inputs.terminationProtection,
    reporter
  )
  return deploymentOf(
    stackName,
    applied.stack,
    applied.changed,
    settled.kind === 'create',
    applied.changes
  )
}
