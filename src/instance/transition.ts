import type { EC2Client } from '@aws-sdk/client-ec2'

import type { Reporter } from '../report/reporter.js'
import type { Deadline } from '../wait/clock.js'
import { waitFor } from '../wait/poll.js'
import type { InstanceView } from './instance.js'
import { goneStates, InstanceGoneError, readInstance } from './instance.js'

export interface Transition {
  instanceId: string
  /** Completes "waiting for …", as in "i-0abc to stop". */
  what: string
  /** The state that ends the wait. */
  target: string
  /** A state that means the transition failed, as its own error. */
  failure?: (instance: InstanceView) => Error | undefined
}

/**
 * Watches the instance until it reaches the target state, telling the user
 * of each state it passes through with the seconds since the command began.
 */
export async function waitForState(
  ec2: EC2Client,
  transition: Transition,
  deadline: Deadline,
  reporter: Reporter
): Promise<InstanceView> {
  let last: string | undefined

  return waitFor({
    what: transition.what,
    deadline,
    firstDelayMilliseconds: 3_000,
    maxDelayMilliseconds: 10_000,
    poll: async () => {
      const instance = await readInstance(ec2, transition.instanceId)
      if (instance.state !== last) {
        reporter.info(
          `${instance.id} is ${instance.state} (${deadline.elapsedSeconds()} s)`
        )
        last = instance.state
      }

      const failed = transition.failure?.(instance)
      if (failed) throw failed
      if (instance.state === transition.target) {
        return { done: true, value: instance }
      }
      if (goneStates.has(instance.state)) throw new InstanceGoneError(instance)
      return { done: false, missing: `it is still ${instance.state}` }
    },
    onPending: (missing, seconds) => {
      reporter.debug(`${transition.what}: ${missing} (${seconds} s)`)
    }
  })
}

/** The state reason EC2 gives an instance whose memory was saved. */
export const hibernatedReason = 'Client.UserInitiatedHibernate'

/** Waits until the instance is stopped, whoever stopped it. */
export function waitUntilStopped(
  ec2: EC2Client,
  instanceId: string,
  deadline: Deadline,
  reporter: Reporter
): Promise<InstanceView> {
  return waitForState(
    ec2,
    { instanceId, what: `${instanceId} to stop`, target: 'stopped' },
    deadline,
    reporter
  )
}
