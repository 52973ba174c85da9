import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2'
import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2'

import type { Reporter } from '../report/reporter.js'
import type { Deadline } from '../wait/clock.js'
import { waitFor } from '../wait/poll.js'

/** How the load balancer sees the instance in its target group. */
export interface TargetHealth {
  /** initial, healthy, unhealthy, unused, draining or unavailable. */
  state: string
  /** The ALB's reason code, such as Target.ResponseCodeMismatch. */
  reason?: string
  description?: string
}

export async function readTargetHealth(
  elbv2: ElasticLoadBalancingV2Client,
  targetGroupArn: string,
  instanceId: string
): Promise<TargetHealth> {
  const { TargetHealthDescriptions } = await elbv2.send(
    new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn })
  )
  const target = TargetHealthDescriptions?.find(
    (description) => description.Target?.Id === instanceId
  )
  if (!target) {
    return {
      state: 'unused',
      reason: 'Target.NotRegistered',
      description: 'The instance is not registered in the target group'
    }
  }
  const health = target.TargetHealth
  return {
    state: health?.State ?? 'unknown',
    ...(health?.Reason && { reason: health.Reason }),
    ...(health?.Description && { description: health.Description })
  }
}

/** "unhealthy (Target.Timeout: Request timed out)" */
export function describeTargetHealth(health: TargetHealth): string {
  const why = [health.reason, health.description].filter(Boolean).join(': ')
  return why ? `${health.state} (${why})` : health.state
}

/** Waits until the load balancer counts the instance as healthy. */
export async function waitForHealthyTarget(
  elbv2: ElasticLoadBalancingV2Client,
  targetGroupArn: string,
  instanceId: string,
  deadline: Deadline,
  reporter: Reporter
): Promise<TargetHealth> {
  let last: string | undefined

  return waitFor({
    what: `the load balancer to find ${instanceId} healthy`,
    deadline,
    firstDelayMilliseconds: 5_000,
    maxDelayMilliseconds: 15_000,
    poll: async () => {
      const health = await readTargetHealth(elbv2, targetGroupArn, instanceId)
      const described = describeTargetHealth(health)
      if (described !== last) {
        reporter.info(
          `Target ${instanceId} is ${described} (${deadline.elapsedSeconds()} s)`
        )
        last = described
      }
      return health.state === 'healthy'
        ? { done: true, value: health }
        : { done: false, missing: `the target is ${described}` }
    },
    onPending: (missing, seconds) => {
      reporter.debug(`Target health: ${missing} (${seconds} s)`)
    }
  })
}
