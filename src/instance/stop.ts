import type { EC2Client } from '@aws-sdk/client-ec2'
import { StopInstancesCommand } from '@aws-sdk/client-ec2'

import type { Reporter } from '../report/reporter.js'
import type { Deadline } from '../wait/clock.js'
import type { InstanceView } from './instance.js'
import { refusal } from './refusal.js'
import { hibernatedReason, waitUntilStopped } from './transition.js'

export interface Stopped {
  instance: InstanceView
  /** Whether EC2 says it hibernated rather than shut down. */
  hibernated: boolean
}

/**
 * Hibernates or stops the instance and waits until it is stopped. A refusal
 * from EC2 comes back as HibernationRejectedError or InstanceActionError,
 * with the instance still running.
 */
export async function stopInstance(
  ec2: EC2Client,
  instanceId: string,
  hibernate: boolean,
  deadline: Deadline,
  reporter: Reporter
): Promise<Stopped> {
  try {
    await ec2.send(
      new StopInstancesCommand({
        InstanceIds: [instanceId],
        Hibernate: hibernate
      })
    )
  } catch (error) {
    throw refusal(hibernate ? 'hibernate' : 'stop', instanceId, error)
  }
  reporter.info(
    `Asked EC2 to ${hibernate ? 'hibernate' : 'stop'} ${instanceId} (${deadline.elapsedSeconds()} s)`
  )

  const instance = await waitUntilStopped(ec2, instanceId, deadline, reporter)
  const hibernated = instance.stateReason?.code === hibernatedReason

  // StopInstances API reference: when hibernation fails, a normal shutdown occurs.
  if (hibernate && !hibernated) {
    const reason = instance.stateReason?.message ?? 'no state reason'
    reporter.warning(
      `${instanceId} stopped, but EC2 reports "${reason}" rather than a hibernation: its memory may be lost, and resume will start the services again.`
    )
  }
  return { instance, hibernated }
}
