import type { EC2Client } from '@aws-sdk/client-ec2'
import { StartInstancesCommand } from '@aws-sdk/client-ec2'

import type { Reporter } from '../report/reporter.js'
import type { Deadline } from '../wait/clock.js'
import type { InstanceView, StateReason } from './instance.js'
import { refusal } from './refusal.js'
import { waitForState } from './transition.js'

/** Reasons that only say who stopped the instance, not that a start failed. */
const stopReasons: ReadonlySet<string> = new Set([
  'Client.UserInitiatedHibernate',
  'Client.UserInitiatedShutdown',
  'Client.InstanceInitiatedShutdown'
])

function nextStep(instance: InstanceView, reason: StateReason): string {
  if (reason.code === 'Client.InternalError' || /KMS/i.test(reason.code)) {
    // AWS re:Post knowledge center: kms-iam-ec2-permission.
    return 'EC2 does this when it cannot use the KMS key of an encrypted volume: give the role that runs resume kms:CreateGrant on that key (https://repost.aws/knowledge-center/kms-iam-ec2-permission), check that the key is enabled, then run resume again.'
  }
  if (reason.code === 'Server.InsufficientInstanceCapacity') {
    return `AWS had no spare ${instance.instanceType} capacity in the instance's zone: run resume again in a few minutes.`
  }
  return 'Run resume again; if it happens again, look at the instance in the EC2 console.'
}

/** StartInstances was accepted, yet the instance fell back to stopped. */
export class StartFellBackError extends Error {
  constructor(
    readonly instance: InstanceView,
    readonly reason: StateReason
  ) {
    super(
      `The instance ${instance.id} went back to stopped instead of starting (${reason.message}). ${nextStep(instance, reason)}`
    )
    this.name = 'StartFellBackError'
  }
}

/** Waits until the instance runs, failing when it falls back to stopped. */
export function waitUntilRunning(
  ec2: EC2Client,
  before: InstanceView,
  deadline: Deadline,
  reporter: Reporter
): Promise<InstanceView> {
  let seenStarting = before.state === 'pending'

  return waitForState(
    ec2,
    {
      instanceId: before.id,
      what: `${before.id} to run`,
      target: 'running',
      failure: (instance) => {
        if (instance.state === 'pending') seenStarting = true
        if (instance.state !== 'stopped') return undefined

        // A read may still show the stop before the start; a new reason, or
        // stopped after pending, is the start failing.
        const reason = instance.stateReason
        const changed =
          reason !== undefined &&
          reason.code !== before.stateReason?.code &&
          !stopReasons.has(reason.code)
        if (!seenStarting && !changed) return undefined
        return new StartFellBackError(
          instance,
          reason ?? { code: 'unknown', message: 'EC2 gave no reason' }
        )
      }
    },
    deadline,
    reporter
  )
}

/** Starts a stopped instance and waits until it runs. */
export async function startInstance(
  ec2: EC2Client,
  before: InstanceView,
  deadline: Deadline,
  reporter: Reporter
): Promise<InstanceView> {
  try {
    await ec2.send(new StartInstancesCommand({ InstanceIds: [before.id] }))
  } catch (error) {
    throw refusal('start', before.id, error)
  }
  reporter.info(
    `Asked EC2 to start ${before.id} (${deadline.elapsedSeconds()} s)`
  )

  return waitUntilRunning(ec2, before, deadline, reporter)
}
