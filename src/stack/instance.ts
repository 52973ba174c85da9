import type { EC2Client } from '@aws-sdk/client-ec2'

import { InstanceNotFoundError, readInstance } from '../instance/instance.js'

/** The commons' instance as status reports it. */
export interface InstanceView {
  id: string
  /** pending, running, stopping, stopped, … or not-found */
  state: string
  type: string
  /** Whether the instance was launched able to hibernate. */
  hibernationConfigured: boolean
  launchTime: string | null
  /** Why it last changed state, such as a client-initiated hibernate. */
  stateReason: string | null
}

/**
 * The instance as the lifecycle commands read it, in the shape of the
 * status output; one EC2 has forgotten is `not-found` rather than an error.
 */
export async function describeInstance(
  ec2: EC2Client,
  instanceId: string
): Promise<InstanceView> {
  try {
    const instance = await readInstance(ec2, instanceId)
    return {
      id: instanceId,
      state: instance.state,
      type: instance.instanceType === 'unknown' ? '' : instance.instanceType,
      hibernationConfigured: instance.hibernationConfigured,
      launchTime: instance.launchTime?.toISOString() ?? null,
      stateReason: instance.stateReason?.message ?? null
    }
  } catch (error) {
    if (!(error instanceof InstanceNotFoundError)) throw error
    return {
      id: instanceId,
      state: 'not-found',
      type: '',
      hibernationConfigured: false,
      launchTime: null,
      stateReason: null
    }
  }
}
