import type {
  CloudFormationClient,
  Stack
} from '@aws-sdk/client-cloudformation'

import type { Reporter } from '../report/reporter.js'
import type { Deadline } from '../wait/clock.js'
import { findStack, StackNotFoundError } from './commons.js'
import { EventStream } from './events.js'
import { waitForStack } from './operation.js'
import { stackState, StackStuckError } from './stack-state.js'

export interface SettleOptions {
  cloudFormation: CloudFormationClient
  reporter: Reporter
  deadline: Deadline
  region: string
  /**
   * Given by deploy alone: clears a stack whose first create failed so that
   * it can be created again. Without it, a missing stack or a failed first
   * create is an error, and this module itself can delete nothing: a command
   * that only updates the stack needs no permission to delete it.
   */
  recreate?: (failed: Stack) => Promise<void>
}

/** A stack a change set can go to: an existing one to update, or none. */
export type SettledStack = { kind: 'update'; stack: Stack } | { kind: 'create' }

/** Enough looks for: in progress, then rolled back, then deleted, then absent. */
const maxLooks = 5

/**
 * Brings the stack to a state a change set can start from: waits for an
 * operation in progress, deletes a stack left in ROLLBACK_COMPLETE by a
 * failed first create (loudly), and refuses stuck states with what to do.
 */
export async function settleStack(
  stackName: string,
  options: SettleOptions
): Promise<SettledStack> {
  const { cloudFormation, reporter, deadline, region } = options

  for (let look = 0; look < maxLooks; look++) {
    const stack = await findStack(cloudFormation, stackName)
    const status = stack?.StackStatus
    const state = stackState(status, stackName)

    switch (state.kind) {
      case 'absent':
        if (!options.recreate) {
          throw new StackNotFoundError(stackName, region)
        }
        reporter.info(
          stack
            ? `Stack '${stackName}' is ${status ?? ''} from a change set that never ran: creating it`
            : `Stack '${stackName}' does not exist in ${region}: creating it`
        )
        return { kind: 'create' }

      case 'ready':
        reporter.info(`Stack '${stackName}' is ${status ?? ''}: updating it`)
        return { kind: 'update', stack: stack as Stack }

      case 'busy': {
        reporter.info(
          `Stack '${stackName}' is ${status ?? ''}: waiting for that operation to finish first`
        )
        const stream = new EventStream(
          cloudFormation,
          stack?.StackId ?? stackName,
          reporter
        )
        await stream.begin()
        await waitForStack(
          cloudFormation,
          stream,
          deadline,
          reporter,
          `stack '${stackName}' to finish ${status ?? ''}`
        )
        break
      }

      case 'failed-create':
        if (!options.recreate) {
          throw new StackStuckError(
            stackName,
            status ?? '',
            stack?.StackStatusReason,
            'Its first create failed: run deploy, which deletes it and creates it again.'
          )
        }
        await options.recreate(stack as Stack)
        break

      case 'stuck':
        throw new StackStuckError(
          stackName,
          status ?? '',
          stack?.StackStatusReason,
          state.advice
        )
    }
  }
  throw new Error(
    `Stack '${stackName}' kept changing state while deploy waited for it; run deploy again.`
  )
}
