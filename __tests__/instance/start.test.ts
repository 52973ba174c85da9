import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  DescribeInstancesCommand,
  EC2Client,
  StartInstancesCommand
} from '@aws-sdk/client-ec2'
import { mockClient } from 'aws-sdk-client-mock'

import { InstanceActionError } from '../../src/instance/refusal.js'
import { StartFellBackError, startInstance } from '../../src/instance/start.js'
import { WaitTimeoutError } from '../../src/wait/poll.js'
import {
  budget,
  described,
  ec2Error,
  hibernatedReason,
  instanceId,
  viewOf
} from './world.js'

const ec2 = mockClient(EC2Client)
const client = new EC2Client({ region: 'ap-southeast-2' })

const kmsFailure = {
  code: 'Client.InternalError',
  message: 'Client.InternalError: Client error on launch'
}

const hibernated = viewOf({ state: 'stopped', reason: hibernatedReason })

beforeEach(() => {
  ec2.reset()
})

describe('starting the instance', () => {
  it('starts it and waits until it runs, telling each state', async () => {
    const before = hibernated
    const { deadline, reporter } = budget()
    ec2.on(StartInstancesCommand).resolves({})
    ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce(described({ state: 'pending' }))
      .resolvesOnce(described({ state: 'pending' }))
      .resolves(described({ state: 'running' }))

    const running = await startInstance(client, before, deadline, reporter)

    expect(running.state).toBe('running')
    expect(ec2.commandCalls(StartInstancesCommand)[0]?.args[0].input).toEqual({
      InstanceIds: [instanceId]
    })
    expect(reporter.at('info')).toEqual([
      `Asked EC2 to start ${instanceId} (0 s)`,
      `${instanceId} is pending (0 s)`,
      `${instanceId} is running (8 s)`
    ])
  })

  it('detects a start that falls back to stopped, and says what to do about the KMS key', async () => {
    const before = hibernated
    const { deadline, reporter } = budget()
    ec2.on(StartInstancesCommand).resolves({})
    ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce(described({ state: 'pending' }))
      .resolves(described({ state: 'stopped', reason: kmsFailure }))

    const starting = startInstance(client, before, deadline, reporter)

    await expect(starting).rejects.toThrow(StartFellBackError)
    await expect(starting).rejects.toThrow(
      `The instance ${instanceId} went back to stopped instead of starting (Client.InternalError: Client error on launch). EC2 does this when it cannot use the KMS key of an encrypted volume: give the role that runs resume kms:CreateGrant on that key (https://repost.aws/knowledge-center/kms-iam-ec2-permission), check that the key is enabled, then run resume again.`
    )
  })

  it('detects the fall-back even when no read caught it pending', async () => {
    const before = hibernated
    const { deadline, reporter } = budget()
    ec2.on(StartInstancesCommand).resolves({})
    ec2
      .on(DescribeInstancesCommand)
      .resolves(described({ state: 'stopped', reason: kmsFailure }))

    await expect(
      startInstance(client, before, deadline, reporter)
    ).rejects.toThrow(StartFellBackError)
  })

  it('detects the fall-back after pending even when EC2 gave no new reason', async () => {
    const before = hibernated
    const { deadline, reporter } = budget()
    ec2.on(StartInstancesCommand).resolves({})
    ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce(described({ state: 'pending' }))
      .resolves(described({ state: 'stopped', reason: hibernatedReason }))

    await expect(
      startInstance(client, before, deadline, reporter)
    ).rejects.toThrow(
      `The instance ${instanceId} went back to stopped instead of starting (Client.UserInitiatedHibernate: User initiated hibernate). Run resume again; if it happens again, look at the instance in the EC2 console.`
    )
  })

  it('says when AWS had no capacity for the instance type', async () => {
    const before = hibernated
    const { deadline, reporter } = budget()
    ec2.on(StartInstancesCommand).resolves({})
    ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce(described({ state: 'pending' }))
      .resolves(
        described({
          state: 'stopped',
          reason: {
            code: 'Server.InsufficientInstanceCapacity',
            message:
              'Server.InsufficientInstanceCapacity: Insufficient capacity to satisfy instance request'
          }
        })
      )

    await expect(
      startInstance(client, before, deadline, reporter)
    ).rejects.toThrow(
      `The instance ${instanceId} went back to stopped instead of starting (Server.InsufficientInstanceCapacity: Insufficient capacity to satisfy instance request). AWS had no spare m5.2xlarge capacity in the instance's zone: run resume again in a few minutes.`
    )
  })

  it('takes a first read that still shows the old stop for lag, not for a failure', async () => {
    const before = hibernated
    const { deadline, reporter } = budget()
    ec2.on(StartInstancesCommand).resolves({})
    ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce(described({ state: 'stopped', reason: hibernatedReason }))
      .resolvesOnce(described({ state: 'pending' }))
      .resolves(described({ state: 'running' }))

    const running = await startInstance(client, before, deadline, reporter)

    expect(running.state).toBe('running')
  })

  it('names the API error and the next step when EC2 refuses to start it', async () => {
    const before = hibernated
    const { deadline, reporter } = budget()
    ec2
      .on(StartInstancesCommand)
      .rejects(
        ec2Error(
          'InsufficientInstanceCapacity',
          'We currently do not have sufficient m5.2xlarge capacity in the Availability Zone you requested.'
        )
      )

    const starting = startInstance(client, before, deadline, reporter)

    await expect(starting).rejects.toThrow(InstanceActionError)
    await expect(starting).rejects.toThrow(
      `EC2 refused to start the instance ${instanceId}: InsufficientInstanceCapacity: We currently do not have sufficient m5.2xlarge capacity in the Availability Zone you requested. Next: AWS has no spare capacity for this instance type in its zone right now: run the command again in a few minutes.`
    )
  })

  it('gives up at the deadline, saying the instance is still pending', async () => {
    const before = hibernated
    const { deadline, reporter } = budget(3)
    ec2.on(StartInstancesCommand).resolves({})
    ec2.on(DescribeInstancesCommand).resolves(described({ state: 'pending' }))

    const starting = startInstance(client, before, deadline, reporter)

    await expect(starting).rejects.toThrow(WaitTimeoutError)
    await expect(starting).rejects.toThrow(
      `Gave up waiting for ${instanceId} to run after 180 s: it is still pending. Raise timeout-minutes if it needs longer.`
    )
  })
})
