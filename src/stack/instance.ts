import type { EC2Client } from '@aws-sdk/client-ec2'
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2'

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

export async function describeInstance(
  ec2: EC2Client,
  instanceId: string
): Promise<InstanceView> {
  try {
    const { Reservations } = await ec2.send(
      new DescribeInstancesCommand({ InstanceIds: [instanceId] })
    )
    const instance = Reservations?.[0]?.Instances?.[0]
    if (instance) {
      return {
        id: instanceId,
        state: instance.State?.Name ?? 'unknown',
        type: instance.InstanceType ?? '',
        hibernationConfigured: instance.HibernationOptions?.Configured === true,
        launchTime: instance.LaunchTime?.toISOString() ?? null,
        stateReason: instance.StateReason?.Message ?? null
      }
    }
  } catch (error) {
    if (!(
      error instanceof Error && error.name === 'InvalidInstanceID.NotFound'
    )) {
      throw error
    }
  }
  return {
    id: instanceId,
    state: 'not-found',
    type: '',
    hibernationConfigured: false,
    launchTime: null,
    stateReason: null
  }
}
