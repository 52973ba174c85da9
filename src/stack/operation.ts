import type {
  CloudFormationClient,
  Stack
} from '@aws-sdk/client-cloudformation'

import type { Reporter } from '../report/reporter.js'
import type { Deadline } from '../wait/clock.js'
import type { Poll } from '../wait/poll.js'
import { waitFor } from '../wait/poll.js'
import { findStack } from './commons.js'
import type { EventStream, StackEvent } from './events.js'
import { describeEvent, rootCause } from './events.js'
import { isSettling, stackState } from './stack-state.js'
import { isThrottling } from './throttling.js'

/**
 * Waits until CloudFormation stops working on the stack, streaming its events
 * meanwhile. Returns the stack as it ended, or undefined once it is gone.
 *
 * Right after ExecuteChangeSet or DeleteStack the stack may still show its
 * old, settled status; with `justStarted` the wait only ends once the
 * operation has shown itself (a new event, or a status in progress). Events
 * are read before the status, so a status read after an event is never older
 * than the event; the events that came with the last status are read at the end.
 */
export async function waitForStack(
  cloudFormation: CloudFormationClient,
  stream: EventStream,
  deadline: Deadline,
  reporter: Reporter,
  what: string,
  justStarted = false
): Promise<Stack | undefined> {
  let started = !justStarted
  let lastStatus: string | undefined

  const poll = async (): Promise<Poll<Stack | undefined>> => {
    try {
      const fresh = await stream.poll()
      const stack = await findStack(cloudFormation, stream.stackId)
      const status = stack?.StackStatus
      if (status !== lastStatus && status !== undefined) {
        reporter.debug(
          `Stack is ${status} after ${deadline.elapsedSeconds()} s`
        )
        lastStatus = status
      }

      started ||= fresh.length > 0 || isSettling(status)
      if (!started) {
        return { done: false, missing: 'the operation has not started yet' }
      }
      return isSettling(status)
        ? { done: false, missing: `the stack is still ${status ?? ''}` }
        : { done: true, value: stack }
    } catch (error) {
      if (isThrottling(error)) {
        return { done: false, missing: 'AWS is throttling the requests' }
      }
      throw error
    }
  }

  const ended = await waitFor({
    what,
    deadline,
    poll,
    onPending: (missing, seconds) => {
      reporter.debug(`Waiting for ${what}: ${missing} (${seconds} s)`)
    }
  })
  try {
    await stream.poll()
  } catch (error) {
    if (!isThrottling(error)) throw error
  }
  return ended
}

/** What to do after an operation ended in this status. */
function nextStep(status: string, stackName: string): string {
  if (status === 'ROLLBACK_COMPLETE') {
    return 'CloudFormation rolled the new stack back. Fix the cause and run deploy again: it deletes the failed stack and creates it anew.'
  }
  if (status === 'UPDATE_ROLLBACK_COMPLETE') {
    return 'CloudFormation rolled the stack back to how it was before. Fix the cause and run the command again.'
  }
  const state = stackState(status, stackName)
  return state.kind === 'stuck'
    ? state.advice
    : "Inspect the stack's events in the CloudFormation console."
}

/**
 * A stack operation ended in failure. The message names the root cause (the
 * first resource that failed and why), not only the final status.
 */
export class StackFailedError extends Error {
  readonly rootCause: StackEvent | undefined

  constructor(
    readonly stackName: string,
    readonly status: string,
    events: readonly StackEvent[],
    statusReason: string | undefined
  ) {
    const cause = rootCause(events, stackName)
    const why = cause
      ? describeEvent(cause)
      : (statusReason ?? 'CloudFormation gave no reason')
    super(
      `Stack '${stackName}' ended ${status}. Root cause: ${why}. ${nextStep(status, stackName)}`
    )
    this.name = 'StackFailedError'
    this.rootCause = cause
  }
}
