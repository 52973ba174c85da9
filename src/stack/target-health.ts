import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2'
import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2'

/** One target of the load balancer's target group and what the ALB thinks of it. */
export interface TargetHealth {
  id: string
  port: number | undefined
  /** initial, healthy, unhealthy, unused, draining, unavailable, … */
  state: string
  /** The ALB's reason code, such as Target.ResponseCodeMismatch. */
  reason: string | undefined
  description: string | undefined
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
    port: description.Target?.Port,
    state: description.TargetHealth?.State ?? 'unknown',
    reason: description.TargetHealth?.Reason,
    description: description.TargetHealth?.Description
  }))
}

/** "i-0abc:80 unhealthy (Target.Timeout: Request timed out)" */
export function describeTarget(target: TargetHealth): string {
  const where =
    target.port === undefined ? target.id : `${target.id}:${target.port}`
  const why = [target.reason, target.description].filter(Boolean).join(': ')
  return `${where} ${target.state}${why ? ` (${why})` : ''}`
}
