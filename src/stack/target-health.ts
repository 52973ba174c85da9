import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2'
import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2'

/** One target of the load balancer's target group and what the ALB thinks of it. */
export interface TargetHealth {
  id: string
  port: number | null
  /** initial, healthy, unhealthy, unused, draining, unavailable, … */
  state: string
  /** The ALB's reason code, such as Target.ResponseCodeMismatch. */
  reason: string | null
  description: string | null
}

/** Reads every target's health in the target group. */
export async function readTargetHealth(
  elbv2: ElasticLoadBalancingV2Client,
  targetGroupArn: string
): Promise<TargetHealth[]> {
  const { TargetHealthDescriptions } = await elbv2.send(
    new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn })
  )
  return (TargetHealthDescriptions ?? []).map((description) => ({
    id: description.Target?.Id ?? '',
    port: description.Target?.Port ?? null,
    state: description.TargetHealth?.State ?? 'unknown',
    reason: description.TargetHealth?.Reason ?? null,
    description: description.TargetHealth?.Description ?? null
  }))
}
