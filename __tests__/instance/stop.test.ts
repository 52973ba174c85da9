import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  DescribeInstancesCommand,
  EC2Client,
  StopInstancesCommand
} from '@aws-sdk/client-ec2'
import { mockClient } from 'aws-sdk-client-mock'

import {
  HibernationRejectedError,
  InstanceActionError
} from '../../src/instance/refusal.js'
import { stopInstance } from '../../src/instance/stop.js'
import { waitUntilStopped } from '../../src/instance/transition.js'
import { WaitTimeoutError } from '../../src/wait/poll.js'
import {
  budget,
  described,
  ec2Error,
  hibernatedReason,
  instanceId,
  stoppedReason
} from './world.js'

const ec2 = mockClient(EC2Client)
const client = new EC2Client({ region: 'ap-southeast-2' })

beforeEach(() => {
  ec2.reset()
})

describe('hibernating the instance', () => {
  it('asks EC2 to hibernate it and waits until it is stopped', async () => {
    const { deadline, reporter, clock } = budget()
    ec2.on(StopInstancesCommand).resolves({})
    ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce(described({ state: 'stopping' }))
      .resolvesOnce(described({ state: 'stopping' }))
      .resolves(described({ state: 'stopped', reason: hibernatedReason }))

    const stopped = await stopInstance(
      client,
      instanceId,
      true,
      deadline,
      reporter
    )

    expect(ec2.commandCalls(StopInstancesCommand)[0]?.args[0].input).toEqual({
      InstanceIds: [instanceId],
      Hibernate: true
    })
    expect(stopped.hibernated).toBe(true)
    expect(stopped.instance.state).toBe('stopped')
    expect(clock.sleeps).toEqual([3000, 4500])
    expect(reporter.at('info')).toEqual([
      `Asked EC2 to hibernate ${instanceId} (0 s)`,
      `${instanceId} is stopping (0 s)`,
      `${instanceId} is stopped (8 s)`
    ])
  })

  it('warns when EC2 shut the instance down instead of hibernating it', async () => {
    const { deadline, reporter } = budget()
    ec2.on(StopInstancesCommand).resolves({})
    ec2
      .on(DescribeInstancesCommand)
      .resolves(described({ state: 'stopped', reason: stoppedReason }))

    const stopped = await stopInstance(
      client,
      instanceId,
      true,
      deadline,
      reporter
    )

    expect(stopped.hibernated).toBe(false)
    expect(reporter.at('warning')).toEqual([
      `${instanceId} stopped, but EC2 reports "Client.UserInitiatedShutdown: User initiated shutdown" rather than a hibernation: its memory may be lost, and resume will start the services again.`
    ])
  })

  it('stops it without hibernation when asked to, with no warning', async () => {
    const { deadline, reporter } = budget()
    ec2.on(StopInstancesCommand).resolves({})
    ec2
      .on(DescribeInstancesCommand)
      .resolves(described({ state: 'stopped', reason: stoppedReason }))

    await stopInstance(client, instanceId, false, deadline, reporter)

    expect(ec2.commandCalls(StopInstancesCommand)[0]?.args[0].input).toEqual({
      InstanceIds: [instanceId],
      Hibernate: false
    })
    expect(reporter.at('warning')).toEqual([])
  })

  it('turns UnsupportedHibernationConfiguration into a clear refusal', async () => {
    const { deadline, reporter } = budget()
    ec2
      .on(StopInstancesCommand)
      .rejects(
        ec2Error(
          'UnsupportedHibernationConfiguration',
          'The instance is not configured for hibernation.'
        )
      )

    const stopping = stopInstance(client, instanceId, true, deadline, reporter)

    await expect(stopping).rejects.toThrow(HibernationRejectedError)
    await expect(stopping).rejects.toThrow(
      `EC2 will not hibernate the instance ${instanceId} (UnsupportedHibernationConfiguration: The instance is not configured for hibernation). Hibernation can only be enabled at launch, on an instance type, AMI and encrypted root volume that support it. Set fallback-to-stop: true to stop it instead, or let deploy replace the instance.`
    )
    expect(ec2.commandCalls(DescribeInstancesCommand)).toHaveLength(0)
  })

  it('names the API error and the next step when EC2 refuses to stop it', async () => {
    const { deadline, reporter } = budget()
    ec2
      .on(StopInstancesCommand)
      .rejects(
        ec2Error(
          'UnauthorizedOperation',
          'You are not authorized to perform this operation.'
        )
      )

    const stopping = stopInstance(client, instanceId, true, deadline, reporter)

    await expect(stopping).rejects.toThrow(InstanceActionError)
    await expect(stopping).rejects.toThrow(
      `EC2 refused to hibernate the instance ${instanceId}: UnauthorizedOperation: You are not authorized to perform this operation. Next: the role the workflow assumes lacks this permission: see the IAM policy in the README.`
    )
  })

  it('gives up at the deadline, saying the instance is still stopping', async () => {
    const { deadline, reporter } = budget(5)
    ec2.on(StopInstancesCommand).resolves({})
    ec2.on(DescribeInstancesCommand).resolves(described({ state: 'stopping' }))

    const stopping = stopInstance(client, instanceId, true, deadline, reporter)

    await expect(stopping).rejects.toThrow(WaitTimeoutError)
    await expect(stopping).rejects.toThrow(
      `Gave up waiting for ${instanceId} to stop after 300 s: it is still stopping. Raise timeout-minutes if it needs longer.`
    )
  })
})

describe('waiting for a stop someone else began', () => {
  it('returns the stopped instance', async () => {
    const { deadline, reporter } = budget()
    ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce(described({ state: 'stopping' }))
      .resolves(described({ state: 'stopped', reason: hibernatedReason }))

    const instance = await waitUntilStopped(
      client,
      instanceId,
      deadline,
      reporter
    )

    expect(instance.stateReason).toEqual(hibernatedReason)
  })

  it('fails when the instance is terminated meanwhile', async () => {
    const { deadline, reporter } = budget()
    ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce(described({ state: 'stopping' }))
      .resolves(described({ state: 'terminated', reason: stoppedReason }))

    await expect(
      waitUntilStopped(client, instanceId, deadline, reporter)
    ).rejects.toThrow(
      `The instance ${instanceId} is terminated (Client.UserInitiatedShutdown: User initiated shutdown): there is nothing to hibernate or resume. Run deploy to launch a new one.`
    )
  })
})
