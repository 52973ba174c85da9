import type {
  CloudFormationClient,
  Stack
} from '@aws-sdk/client-cloudformation'
import { DeleteStackCommand } from '@aws-sdk/client-cloudformation'

import type { Reporter } from '../report/reporter.js'
import type { Deadline } from '../wait/clock.js'
import type { StackEvent } from './events.js'
import { EventStream } from './events.js'
import { waitForStack } from './operation.js'

/**
 * The stack could not be deleted completely; the message lists every
 * resource left behind with CloudFormation's reason.
 */
export class DeleteFailedError extends Error {
  constructor(
    readonly stackName: string,
    readonly status: string,
    readonly failures: readonly StackEvent[],
    statusReason: string | undefined
  ) {
    const listed =
      failures.length === 0
        ? ` ${statusReason ?? 'CloudFormation gave no reason'}.`
        : ` ${failures.length} resource${failures.length === 1 ? '' : 's'} could not be deleted:\n` +
          failures
            .map(
              (event) =>
                `  - ${event.logicalId} (${event.type}): ${event.reason || 'no reason given'}`
            )
            .join('\n') +
          '\n'
    super(
      `Stack '${stackName}' is ${status}.${listed}` +
        'Remove what keeps them (or delete them in the console), then run destroy again.'
    )
    this.name = 'DeleteFailedError'
  }
}

/** The resources whose last word in this operation was DELETE_FAILED. */
function leftBehind(events: readonly StackEvent[], stackName: string) {
  const last = new Map<string, StackEvent>()
  for (const event of events) {
    const isStack =
      event.type === 'AWS::CloudFormation::Stack' &&
      event.logicalId === stackName
    if (!isStack) last.set(event.logicalId, event)
  }
  return [...last.values()].filter((event) => event.status === 'DELETE_FAILED')
}

/**
 * Deletes the stack and waits for DELETE_COMPLETE, streaming its events.
 * Throws DeleteFailedError naming every resource that stayed.
 */
export async function deleteStack(
  cloudFormation: CloudFormationClient,
  stack: Stack,
  deadline: Deadline,
  reporter: Reporter
): Promise<void> {
  const stackName = stack.StackName ?? ''
  const stackId = stack.StackId ?? stackName
  const stream = new EventStream(cloudFormation, stackId, reporter)
  await stream.begin()

  await cloudFormation.send(new DeleteStackCommand({ StackName: stackId }))
  reporter.info(`Deleting stack '${stackName}'`)

  const ended = await waitForStack(
    cloudFormation,
    stream,
    deadline,
    reporter,
    `stack '${stackName}' to be deleted`,
    true
  )
  const status = ended?.StackStatus ?? 'DELETE_COMPLETE'
  if (status === 'DELETE_COMPLETE') {
    reporter.info(
      `Stack '${stackName}' is DELETE_COMPLETE after ${deadline.elapsedSeconds()} s`
    )
    return
  }
  throw new DeleteFailedError(
    stackName,
    status,
    leftBehind(stream.events, stackName),
    ended?.StackStatusReason
  )
}
