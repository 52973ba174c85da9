import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  CloudFormationClient,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  UpdateStackCommand
} from '@aws-sdk/client-cloudformation'
import { mockClient } from 'aws-sdk-client-mock'

import {
  setHibernated,
  SleepPageUpdateError,
  StackBusyError
} from '../../src/instance/sleep-page.js'
import { WaitTimeoutError } from '../../src/wait/poll.js'
import {
  budget,
  noon,
  region,
  stack,
  stackEvent,
  stackName,
  validationError
} from './world.js'

const cloudFormation = mockClient(CloudFormationClient)
const client = new CloudFormationClient({ region })
const token = `gen3-poc-sleep-${noon}`

function turnOn(minutesAllowed = 10) {
  const { deadline, reporter, clock } = budget(minutesAllowed)
  const change = setHibernated(
    client,
    { stackName, region, hibernated: true },
    deadline,
    reporter
  )
  return { change, reporter, clock }
}

beforeEach(() => {
  cloudFormation.reset()
})

describe('switching the hibernation page through the stack parameter', () => {
  it('updates only Hibernated, keeping the template and every other parameter', async () => {
    cloudFormation
      .on(DescribeStacksCommand)
      .resolvesOnce(stack({ hibernated: 'false' }))
      .resolvesOnce(stack({ status: 'UPDATE_IN_PROGRESS', hibernated: 'true' }))
      .resolves(stack({ status: 'UPDATE_COMPLETE', hibernated: 'true' }))
    cloudFormation.on(UpdateStackCommand).resolves({})

    const { change, reporter } = turnOn()

    await expect(change).resolves.toBe('changed')
    expect(
      cloudFormation.commandCalls(UpdateStackCommand)[0]?.args[0].input
    ).toEqual({
      StackName: stackName,
      UsePreviousTemplate: true,
      Parameters: [
        { ParameterKey: 'Domain', UsePreviousValue: true },
        { ParameterKey: 'InstanceType', UsePreviousValue: true },
        { ParameterKey: 'Hibernated', ParameterValue: 'true' }
      ],
      Capabilities: ['CAPABILITY_IAM'],
      ClientRequestToken: token
    })
    expect(reporter.at('info')).toEqual([
      "Updating the stack's Hibernated parameter to 'true' (0 s)",
      "The stack's Hibernated parameter is 'true' (5 s)"
    ])
  })

  it('does not take a read that still shows the previous update for this one', async () => {
    cloudFormation
      .on(DescribeStacksCommand)
      .resolvesOnce(stack({ hibernated: 'false' }))
      .resolvesOnce(stack({ status: 'UPDATE_COMPLETE', hibernated: 'false' }))
      .resolves(stack({ status: 'UPDATE_COMPLETE', hibernated: 'true' }))
    cloudFormation.on(UpdateStackCommand).resolves({})

    const { change, clock } = turnOn()

    await expect(change).resolves.toBe('changed')
    expect(clock.sleeps).toEqual([5000])
  })

  it('changes nothing when the parameter already has the value', async () => {
    cloudFormation
      .on(DescribeStacksCommand)
      .resolves(stack({ hibernated: 'true' }))

    const { change, reporter } = turnOn()

    await expect(change).resolves.toBe('unchanged')
    expect(cloudFormation.commandCalls(UpdateStackCommand)).toHaveLength(0)
    expect(reporter.at('notice')).toEqual([
      "The stack's Hibernated parameter is already 'true': nothing to change."
    ])
  })

  it('takes "No updates are to be performed" as already done', async () => {
    cloudFormation
      .on(DescribeStacksCommand)
      .resolves(stack({ hibernated: 'false' }))
    cloudFormation
      .on(UpdateStackCommand)
      .rejects(validationError('No updates are to be performed.'))

    const { change, reporter } = turnOn()

    await expect(change).resolves.toBe('unchanged')
    expect(reporter.at('notice')).toEqual([
      "CloudFormation found nothing to change: the stack's Hibernated parameter is already 'true'."
    ])
  })

  it('warns and changes nothing when the stack has no Hibernated parameter', async () => {
    cloudFormation
      .on(DescribeStacksCommand)
      .resolves(stack({ hibernated: undefined }))

    const { change, reporter } = turnOn()

    await expect(change).resolves.toBe('absent')
    expect(cloudFormation.commandCalls(UpdateStackCommand)).toHaveLength(0)
    expect(reporter.at('warning')).toEqual([
      "The stack 'gen3-poc' has no Hibernated parameter, so visitors get the load balancer's bare 503 while the commons sleeps instead of the hibernation page. Run deploy to add it."
    ])
  })

  it('refuses while another change to the stack is under way', async () => {
    cloudFormation
      .on(DescribeStacksCommand)
      .resolves(stack({ status: 'UPDATE_IN_PROGRESS', hibernated: 'false' }))

    const { change } = turnOn()

    await expect(change).rejects.toThrow(StackBusyError)
    await expect(change).rejects.toThrow(
      "The stack 'gen3-poc' is UPDATE_IN_PROGRESS: another change is under way, so the sleep page cannot be switched now. Run the command again when it has finished."
    )
  })

  it("reports the first failed resource's reason when the update rolls back", async () => {
    cloudFormation
      .on(DescribeStacksCommand)
      .resolvesOnce(stack({ hibernated: 'false' }))
      .resolves(
        stack({ status: 'UPDATE_ROLLBACK_COMPLETE', hibernated: 'false' })
      )
    cloudFormation.on(UpdateStackCommand).resolves({})
    cloudFormation.on(DescribeStackEventsCommand).resolves({
      StackEvents: [
        stackEvent(token, stackName, 'UPDATE_ROLLBACK_COMPLETE'),
        stackEvent(
          token,
          'HttpsApiSleepRule',
          'UPDATE_FAILED',
          'Resource update cancelled'
        ),
        stackEvent(
          token,
          'HttpsSleepRule',
          'UPDATE_FAILED',
          'Priority 10 is currently in use'
        ),
        stackEvent(token, stackName, 'UPDATE_IN_PROGRESS'),
        stackEvent('an-earlier-deploy', 'Instance', 'UPDATE_FAILED', 'old')
      ]
    })

    const { change } = turnOn()

    await expect(change).rejects.toThrow(SleepPageUpdateError)
    await expect(change).rejects.toThrow(
      "The stack 'gen3-poc' could not switch Hibernated: it ended UPDATE_ROLLBACK_COMPLETE. First failure: HttpsSleepRule (AWS::ElasticLoadBalancingV2::ListenerRule) UPDATE_FAILED: Priority 10 is currently in use. Its events in the CloudFormation console tell the rest."
    )
  })

  it('gives up at the deadline, saying what the stack is doing', async () => {
    cloudFormation
      .on(DescribeStacksCommand)
      .resolvesOnce(stack({ hibernated: 'false' }))
      .resolves(stack({ status: 'UPDATE_IN_PROGRESS', hibernated: 'true' }))
    cloudFormation.on(UpdateStackCommand).resolves({})

    const { change } = turnOn(2)

    await expect(change).rejects.toThrow(WaitTimeoutError)
    await expect(change).rejects.toThrow(
      "Gave up waiting for the stack 'gen3-poc' to set Hibernated to 'true' after 120 s: the stack is UPDATE_IN_PROGRESS. Raise timeout-minutes if it needs longer."
    )
  })
})
