import type {
  Capability,
  Change,
  CloudFormationClient,
  DescribeChangeSetCommandOutput
} from '@aws-sdk/client-cloudformation'
import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  ExecuteChangeSetCommand
} from '@aws-sdk/client-cloudformation'

import type { Reporter } from '../report/reporter.js'
import type { Clock, Deadline } from '../wait/clock.js'
import type { Poll } from '../wait/poll.js'
import { waitFor } from '../wait/poll.js'
import type { ResourceChange } from './changes.js'
import type { ParameterChoice } from './stack-parameters.js'
import { isThrottling } from './throttling.js'

/** Everything one change set needs. */
export interface ChangeSetRequest {
  stackName: string
  name: string
  type: 'CREATE' | 'UPDATE'
  /** The template's JSON text, or undefined to keep the stack's template. */
  templateBody: string | undefined
  parameters: readonly ParameterChoice[]
  capabilities: readonly string[]
  /** Stack tags, which CloudFormation copies to every resource; undefined keeps them. */
  tags: Record<string, string> | undefined
}

/** A change set CloudFormation finished computing. */
export type PreparedChangeSet =
  | { kind: 'ready'; id: string; stackId: string; changes: ResourceChange[] }
  | { kind: 'empty'; id: string; stackId: string; reason: string }

/** Change sets created by this action start with this, whatever the stack. */
export const changeSetPrefix = 'gen3-poc'

/**
 * A name unique to this run of this command: the workflow run and attempt on
 * a runner, else the time. Re-runs never collide with a leftover change set.
 */
export function changeSetName(
  command: string,
  env: NodeJS.ProcessEnv,
  clock: Clock
): string {
  const run = env.GITHUB_RUN_ID
  const suffix = run
    ? `${run}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`
    : new Date(clock.now()).toISOString().replace(/\D/g, '').slice(0, 14)
  return `${changeSetPrefix}-${command}-${suffix}`
    .replace(/[^A-Za-z0-9-]/g, '-')
    .slice(0, 128)
}

/** How CloudFormation says a change set has nothing to do. */
const emptyReasons = [
  "The submitted information didn't contain changes",
  'No updates are to be performed'
]

export function isEmptyChangeSet(reason: string): boolean {
  return emptyReasons.some((text) => reason.includes(text))
}

/** CloudFormation could not compute the change set; nothing was changed. */
export class ChangeSetFailedError extends Error {
  constructor(
    readonly stackName: string,
    readonly changeSetName: string,
    readonly reason: string
  ) {
    super(
      `CloudFormation could not make change set '${changeSetName}' for stack '${stackName}': ${reason || 'no reason given'}. Nothing was changed.`
    )
    this.name = 'ChangeSetFailedError'
  }
}

function toResourceChange(change: Change): ResourceChange | undefined {
  const resource = change.ResourceChange
  if (!resource) return undefined
  return {
    logicalId: resource.LogicalResourceId ?? '',
    type: resource.ResourceType ?? '',
    action: resource.Action ?? '',
    replacement: resource.Replacement ?? '',
    details: (resource.Details ?? []).map((detail) => ({
      attribute: detail.Target?.Attribute ?? '',
      name: detail.Target?.Name ?? '',
      recreation: detail.Target?.RequiresRecreation ?? '',
      source: detail.ChangeSource ?? '',
      causedBy: detail.CausingEntity ?? ''
    }))
  }
}

function toParameters(choices: readonly ParameterChoice[]) {
  return choices.map((choice) =>
    'value' in choice
      ? { ParameterKey: choice.key, ParameterValue: choice.value }
      : { ParameterKey: choice.key, UsePreviousValue: true }
  )
}

async function describeAll(
  cloudFormation: CloudFormationClient,
  id: string,
  first: DescribeChangeSetCommandOutput
): Promise<ResourceChange[]> {
  const changes = [...(first.Changes ?? [])]
  let token = first.NextToken
  while (token) {
    const page = await cloudFormation.send(
      new DescribeChangeSetCommand({ ChangeSetName: id, NextToken: token })
    )
    changes.push(...(page.Changes ?? []))
    token = page.NextToken
  }
  return changes.flatMap((change) => toResourceChange(change) ?? [])
}

/**
 * Creates the change set and waits until CloudFormation has computed it.
 * A change set with nothing to do comes back as 'empty'; any other failure
 * removes the change set and throws.
 */
export async function prepareChangeSet(
  cloudFormation: CloudFormationClient,
  request: ChangeSetRequest,
  deadline: Deadline,
  reporter: Reporter
): Promise<PreparedChangeSet> {
  const created = await cloudFormation.send(
    new CreateChangeSetCommand({
      StackName: request.stackName,
      ChangeSetName: request.name,
      ChangeSetType: request.type,
      ...(request.templateBody === undefined
        ? { UsePreviousTemplate: true }
        : { TemplateBody: request.templateBody }),
      Parameters: toParameters(request.parameters),
      Capabilities: request.capabilities as Capability[],
      ...(request.tags === undefined
        ? {}
        : {
            Tags: Object.entries(request.tags).map(([Key, Value]) => ({
              Key,
              Value
            }))
          }),
      Description: `gen3-poc ${request.type.toLowerCase()} of ${request.stackName}`
    })
  )
  const id = created.Id ?? request.name
  const stackId = created.StackId ?? request.stackName
  reporter.info(
    `Created change set ${request.name}; waiting for CloudFormation to compute it`
  )

  const poll = async (): Promise<Poll<DescribeChangeSetCommandOutput>> => {
    try {
      const described = await cloudFormation.send(
        new DescribeChangeSetCommand({ ChangeSetName: id })
      )
      const status = described.Status ?? ''
      return status === 'CREATE_COMPLETE' || status === 'FAILED'
        ? { done: true, value: described }
        : { done: false, missing: `the change set is ${status}` }
    } catch (error) {
      if (isThrottling(error)) {
        return { done: false, missing: 'AWS is throttling the requests' }
      }
      throw error
    }
  }
  let described: DescribeChangeSetCommandOutput
  try {
    described = await waitFor({
      what: `change set ${request.name}`,
      deadline,
      poll,
      firstDelayMilliseconds: 1_000,
      maxDelayMilliseconds: 5_000
    })
  } catch (error) {
    await removeChangeSet(cloudFormation, id, reporter)
    throw error
  }

  const reason = described.StatusReason ?? ''
  if (described.Status === 'FAILED' && isEmptyChangeSet(reason)) {
    return { kind: 'empty', id, stackId, reason }
  }
  const execution = described.ExecutionStatus ?? 'AVAILABLE'
  if (described.Status === 'FAILED' || execution !== 'AVAILABLE') {
    await removeChangeSet(cloudFormation, id, reporter)
    throw new ChangeSetFailedError(
      request.stackName,
      request.name,
      described.Status === 'FAILED'
        ? reason
        : `it cannot run (its execution status is ${execution})`
    )
  }

  const changes = await describeAll(cloudFormation, id, described)
  return { kind: 'ready', id, stackId, changes }
}

export async function executeChangeSet(
  cloudFormation: CloudFormationClient,
  id: string
): Promise<void> {
  await cloudFormation.send(new ExecuteChangeSetCommand({ ChangeSetName: id }))
}

/**
 * Removes a change set that will not run. A failure here only warns: the
 * leftover is harmless since every run names its own.
 */
export async function removeChangeSet(
  cloudFormation: CloudFormationClient,
  id: string,
  reporter: Reporter
): Promise<void> {
  try {
    await cloudFormation.send(new DeleteChangeSetCommand({ ChangeSetName: id }))
    reporter.debug(`Removed change set ${id}`)
  } catch (error) {
    reporter.warning(
      `Could not remove change set ${id}: ${error instanceof Error ? error.message : String(error)}. Delete it in the CloudFormation console if it stays.`
    )
  }
}
