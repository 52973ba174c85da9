import type { EC2Client, Instance } from '@aws-sdk/client-ec2'
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2'

/** Why EC2 last changed the instance's state, as DescribeInstances says. */
export interface StateReason {
  code: string
  message: string
}

/** What the lifecycle commands need to know about the commons' instance. */
export interface InstanceView {
  id: string
  /** pending, running, stopping, stopped, shutting-down or terminated. */
  state: string
  instanceType: string
  /** When it last started: EC2 moves LaunchTime on every start. */
  launchTime: Date | undefined
  hibernationConfigured: boolean
  stateReason: StateReason | undefined
  tags: Record<string, string>
}

/** The stack names an instance that EC2 does not know. */
export class InstanceNotFoundError extends Error {
  constructor(readonly instanceId: string) {
    super(
      `The instance ${instanceId} that the stack names does not exist: it was terminated long enough ago that EC2 forgot it. Run deploy to launch a new one.`
    )
    this.name = 'InstanceNotFoundError'
  }
}

/** The instance is terminated or being terminated: nothing can wake it. */
export class InstanceGoneError extends Error {
  constructor(readonly instance: InstanceView) {
    const reason = instance.stateReason
      ? ` (${instance.stateReason.message})`
      : ''
    super(
      `The instance ${instance.id} is ${instance.state}${reason}: there is nothing to hibernate or resume. Run deploy to launch a new one.`
    )
    this.name = 'InstanceGoneError'
  }
}

export const goneStates: ReadonlySet<string> = new Set([
  'shutting-down',
  'terminated'
])

function view(instance: Instance, instanceId: string): InstanceView {
  return {
    id: instance.InstanceId ?? instanceId,
    state: instance.State?.Name ?? 'unknown',
    instanceType: instance.InstanceType ?? 'unknown',
    launchTime: instance.LaunchTime,
    hibernationConfigured: instance.HibernationOptions?.Configured === true,
    stateReason: instance.StateReason?.Code
      ? {
          code: instance.StateReason.Code,
          message: instance.StateReason.Message ?? instance.StateReason.Code
        }
      : undefined,
    tags: Object.fromEntries(
      (instance.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? ''])
    )
  }
}

/** Reads the instance as it is now. */
export async function readInstance(
  ec2: EC2Client,
  instanceId: string
): Promise<InstanceView> {
  try {
    const { Reservations } = await ec2.send(
      new DescribeInstancesCommand({ InstanceIds: [instanceId] })
    )
    const instance = Reservations?.[0]?.Instances?.[0]
    if (!instance) throw new InstanceNotFoundError(instanceId)
    return view(instance, instanceId)
  } catch (error) {
    if (error instanceof Error && error.name === 'InvalidInstanceID.NotFound') {
      throw new InstanceNotFoundError(instanceId)
    }
    throw error
  }
}

/** The state now, for the outputs after a failure; never throws. */
export async function stateNow(
  ec2: EC2Client,
  instanceId: string,
  lastKnown: string
): Promise<string> {
  try {
    return (await readInstance(ec2, instanceId)).state
  } catch {
    return lastKnown
  }
}
