import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client
} from '@aws-sdk/client-elastic-load-balancing-v2'
import { mockClient } from 'aws-sdk-client-mock'

import {
  readTargetHealth,
  waitForHealthyTarget
} from '../../src/instance/target-health.js'
import { WaitTimeoutError } from '../../src/wait/poll.js'
import { budget, instanceId, targetGroupArn } from './world.js'

const elbv2 = mockClient(ElasticLoadBalancingV2Client)
const client = new ElasticLoadBalancingV2Client({ region: 'ap-southeast-2' })

function health(State: string, Reason?: string, Description?: string) {
  return {
    TargetHealthDescriptions: [
      {
        Target: { Id: instanceId, Port: 80 },
        TargetHealth: {
          State: State as never,
          ...(Reason && { Reason: Reason as never }),
          ...(Description && { Description })
        }
      }
    ]
  }
}

beforeEach(() => {
  elbv2.reset()
})

describe('the target health of the instance', () => {
  it('waits through unused and initial until healthy, telling each change', async () => {
    const { deadline, reporter } = budget()
    elbv2
      .on(DescribeTargetHealthCommand)
      .resolvesOnce(
        health(
          'unused',
          'Target.InvalidState',
          'Target is in the stopped state'
        )
      )
      .resolvesOnce(
        health(
          'initial',
          'Elb.InitialHealthChecking',
          'Initial health checks in progress'
        )
      )
      .resolvesOnce(
        health(
          'initial',
          'Elb.InitialHealthChecking',
          'Initial health checks in progress'
        )
      )
      .resolves(health('healthy'))

    const result = await waitForHealthyTarget(
      client,
      targetGroupArn,
      instanceId,
      deadline,
      reporter
    )

    expect(result).toEqual({ state: 'healthy' })
    expect(
      elbv2.commandCalls(DescribeTargetHealthCommand)[0]?.args[0].input
    ).toEqual({ TargetGroupArn: targetGroupArn })
    expect(reporter.at('info')).toEqual([
      `Target ${instanceId} is unused (Target.InvalidState: Target is in the stopped state) (0 s)`,
      `Target ${instanceId} is initial (Elb.InitialHealthChecking: Initial health checks in progress) (5 s)`,
      `Target ${instanceId} is healthy (24 s)`
    ])
  })

  it('gives up at the deadline with the load balancer reason code', async () => {
    const { deadline, reporter } = budget(10)
    elbv2
      .on(DescribeTargetHealthCommand)
      .resolves(
        health(
          'unhealthy',
          'Target.ResponseCodeMismatch',
          'Health checks failed with these codes: [502]'
        )
      )

    const waiting = waitForHealthyTarget(
      client,
      targetGroupArn,
      instanceId,
      deadline,
      reporter
    )

    await expect(waiting).rejects.toThrow(WaitTimeoutError)
    await expect(waiting).rejects.toThrow(
      `Gave up waiting for the load balancer to find ${instanceId} healthy after 600 s: the target is unhealthy (Target.ResponseCodeMismatch: Health checks failed with these codes: [502]). Raise timeout-minutes if it needs longer.`
    )
  })

  it('counts an instance missing from the target group as not registered', async () => {
    elbv2
      .on(DescribeTargetHealthCommand)
      .resolves({ TargetHealthDescriptions: [] })

    await expect(
      readTargetHealth(client, targetGroupArn, instanceId)
    ).resolves.toEqual({
      state: 'unused',
      reason: 'Target.NotRegistered',
      description: 'The instance is not registered in the target group'
    })
  })
})
