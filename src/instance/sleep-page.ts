import type { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import {
  DescribeStackEventsCommand,
  UpdateStackCommand
} from '@aws-sdk/client-cloudformation'

import type { Reporter } from '../report/reporter.js'
import { findStack, StackNotFoundError } from '../stack/commons.js'
import type { Deadline } from '../wait/clock.js'
import { waitFor } from '../wait/poll.js'

/**
 * The stack parameter that turns the listener rules answering 503 with the
 * "hibernating" page on ('true') or off ('false').
 */
export const hibernatedParameter = 'Hibernated'

/** What setting the parameter did. */
export type SleepPageChange = 'changed' | 'unchanged' | 'absent'

/** Another change to the stack is under way, so it cannot be updated now. */
export class StackBusyError extends Error {
  constructor(stackName: string, status: string) {
    super(
      `The stack '${stackName}' is ${status}: another change is under way, so the sleep page cannot be switched now. Run the command again when it has finished.`
    )
    this.name = 'StackBusyError'
  }
}

/** The parameter update failed and CloudFormation rolled it back. */
export class SleepPageUpdateError extends Error {
  constructor(stackName: string, status: string, firstFailure: string) {
    super(
      `The stack '${stackName}' could not switch ${hibernatedParameter}: it ended ${status}. First failure: ${firstFailure}. Its events in the CloudFormation console tell the rest.`
    )
    this.name = 'SleepPageUpdateError'
  }
}

function isNoUpdate(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.name === 'ValidationError' &&
    /No updates are to be performed/.test(error.message)
  )
}

/** The first resource that failed in the update this token started. */
async function firstFailure(
  cloudFormation: CloudFormationClient,
  stackName: string,
  token: string
): Promise<string> {
  const failures: string[] = []
  let nextToken: string | undefined
  for (let page = 0; page < 5; page++) {
    const { StackEvents, NextToken } = await cloudFormation.send(
      new DescribeStackEventsCommand({
        StackName: stackName,
        ...(nextToken && { NextToken: nextToken })
      })
    )
    const ours = (StackEvents ?? []).filter(
      (event) => event.ClientRequestToken === token
    )
    for (const event of ours) {
      if (event.ResourceStatus?.endsWith('_FAILED')) {
        failures.push(
          `${event.LogicalResourceId ?? '?'} (${event.ResourceType ?? '?'}) ${event.ResourceStatus}: ${event.ResourceStatusReason ?? 'no reason given'}`
        )
      }
    }
    // Events come newest first: once a page has none of ours, we are past them.
    if (ours.length === 0 || !NextToken) break
    nextToken = NextToken
  }
  return failures.at(-1) ?? 'no failed resource in the stack events'
}

/**
 * Sets the Hibernated parameter through a stack update that keeps the
 * template and every other parameter, and waits for it to complete. A
 * known shortcoming: it shows no stack events while it waits; the stack
 * part's event streaming should replace this wait.
 */
export async function setHibernated(
  cloudFormation: CloudFormationClient,
  change: { stackName: string; region: string; hibernated: boolean },
  deadline: Deadline,
  reporter: Reporter
): Promise<SleepPageChange> {
  const { stackName, region, hibernated } = change
  const wanted = hibernated ? 'true' : 'false'
  const stack = await findStack(cloudFormation, stackName)
  if (!stack) throw new StackNotFoundError(stackName, region)

  const parameters = stack.Parameters ?? []
  const current = parameters.find(
    (parameter) => parameter.ParameterKey === hibernatedParameter
  )
  if (!current) {
    reporter.warning(
      `The stack '${stackName}' has no ${hibernatedParameter} parameter, so visitors get the load balancer's bare 503 while the commons sleeps instead of the hibernation page. Run deploy to add it.`
    )
    return 'absent'
  }
  if (current.ParameterValue === wanted) {
    reporter.notice(
      `The stack's ${hibernatedParameter} parameter is already '${wanted}': nothing to change.`
    )
    return 'unchanged'
  }

  const status = stack.StackStatus ?? 'UNKNOWN'
  if (status.endsWith('_IN_PROGRESS'))
    throw new StackBusyError(stackName, status)

  const token = `gen3-poc-${hibernated ? 'sleep' : 'wake'}-${deadline.clock.now()}`
  try {
    await cloudFormation.send(
      new UpdateStackCommand({
        StackName: stackName,
        UsePreviousTemplate: true,
        Parameters: parameters.map((parameter) =>
          parameter.ParameterKey === hibernatedParameter
            ? { ParameterKey: hibernatedParameter, ParameterValue: wanted }
            : { ParameterKey: parameter.ParameterKey, UsePreviousValue: true }
        ),
        ...(stack.Capabilities && { Capabilities: stack.Capabilities }),
        ClientRequestToken: token
      })
    )
  } catch (error) {
    if (!isNoUpdate(error)) throw error
    reporter.notice(
      `CloudFormation found nothing to change: the stack's ${hibernatedParameter} parameter is already '${wanted}'.`
    )
    return 'unchanged'
  }
  reporter.info(
    `Updating the stack's ${hibernatedParameter} parameter to '${wanted}' (${deadline.elapsedSeconds()} s)`
  )

  await waitFor({
    what: `the stack '${stackName}' to set ${hibernatedParameter} to '${wanted}'`,
    deadline,
    firstDelayMilliseconds: 5_000,
    maxDelayMilliseconds: 15_000,
    poll: async () => {
      const now = await findStack(cloudFormation, stackName)
      if (!now) throw new StackNotFoundError(stackName, region)
      const status = now.StackStatus ?? 'UNKNOWN'
      const value = now.Parameters?.find(
        (parameter) => parameter.ParameterKey === hibernatedParameter
      )?.ParameterValue

      // A read just after the request may still show the previous update.
      if (status === 'UPDATE_COMPLETE' && value === wanted) {
        return { done: true, value: status }
      }
      if (status.endsWith('_IN_PROGRESS') || status === 'UPDATE_COMPLETE') {
        return { done: false, missing: `the stack is ${status}` }
      }
      throw new SleepPageUpdateError(
        stackName,
        status,
        await firstFailure(cloudFormation, stackName, token)
      )
    },
    onPending: (missing, seconds) => {
      reporter.debug(`Stack update: ${missing} (${seconds} s)`)
    }
  })
  reporter.info(
    `The stack's ${hibernatedParameter} parameter is '${wanted}' (${deadline.elapsedSeconds()} s)`
  )
  return 'changed'
}
