import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  UpdateStackCommand
} from '@aws-sdk/client-cloudformation'
import { mockClient } from 'aws-sdk-client-mock'

import { setHibernated } from '../../src/instance/sleep-page.js'
import { StackFailedError } from '../../src/stack/operation.js'
import { WaitTimeoutError } from '../../src/wait/poll.js'
import { Deadline } from '../../src/wait/clock.js'
import {
  contextFor,
  stack,
  stackEvent,
  stackId,
  stackName,
  stackOfChangeSets
} from './world.js'

const cloudFormation = mockClient(CloudFormationClient)

function turnOn(minutesAllowed = 10) {
  const { context, clock, reporter } = contextFor('hibernate', {
    'allow-replacement': 'true'
  })
  const deadline = Deadline.ofMinutes(clock, minutesAllowed)
  return { change: setHibernated(context, true, deadline), reporter, clock }
}

beforeEach(() => {
  cloudFormation.reset()
})

describe('switching the hibernation page through the stack parameter', () => {
  it('changes only Hibernated, through a change set that keeps the template and every other parameter', async () => {
    const { asked } = stackOfChangeSets(cloudFormation, 'false')

    const { change, reporter } = turnOn()

    await expect(change).resolves.toBe('changed')
    expect(
      cloudFormation.commandCalls(CreateChangeSetCommand)[0]?.args[0].input
    ).toMatchObject({
      StackName: stackName,
      ChangeSetType: 'UPDATE',
      UsePreviousTemplate: true,
      Parameters: [
        { ParameterKey: 'Domain', UsePreviousValue: true },
        { ParameterKey: 'InstanceType', UsePreviousValue: true },
        { ParameterKey: 'Hibernated', ParameterValue: 'true' }
      ],
      Capabilities: ['CAPABILITY_IAM']
    })
    expect(asked()).toEqual(['true'])
    expect(cloudFormation.commandCalls(ExecuteChangeSetCommand)).toHaveLength(1)
    expect(cloudFormation.commandCalls(UpdateStackCommand)).toHaveLength(0)
    expect(reporter.at('info')).toContain(
      "Setting the stack's Hibernated parameter to 'true' (0 s)"
    )
    expect(reporter.at('info')).toContain(
      '  Add SleepPageJsonAccept (AWS::ElasticLoadBalancingV2::ListenerRule)'
    )
  })

  it('changes nothing when the parameter already has the value', async () => {
    stackOfChangeSets(cloudFormation, 'true')

    const { change, reporter } = turnOn()

    await expect(change).resolves.toBe('unchanged')
    expect(cloudFormation.commandCalls(CreateChangeSetCommand)).toHaveLength(0)
    expect(reporter.at('notice')).toEqual([
      "The stack's Hibernated parameter is already 'true': nothing to change."
    ])
  })

  it('warns and changes nothing when the stack has no Hibernated parameter', async () => {
    stackOfChangeSets(cloudFormation, undefined)

    const { change, reporter } = turnOn()

    await expect(change).resolves.toBe('absent')
    expect(cloudFormation.commandCalls(CreateChangeSetCommand)).toHaveLength(0)
    expect(reporter.at('warning')).toEqual([
      "The stack 'gen3-poc' has no Hibernated parameter, so visitors get the load balancer's bare 503 while the commons sleeps instead of the hibernation page. Run deploy to add it."
    ])
  })

  it('waits for another change to the stack to finish before switching', async () => {
    const { asked } = stackOfChangeSets(cloudFormation, 'false')
    cloudFormation
      .on(DescribeStacksCommand)
      .resolvesOnce(
        stack({ status: 'UPDATE_IN_PROGRESS', hibernated: 'false' })
      )
      .resolvesOnce(
        stack({ status: 'UPDATE_IN_PROGRESS', hibernated: 'false' })
      )
      .resolves(stack({ hibernated: 'false' }))
    cloudFormation
      .on(DescribeStacksCommand, { StackName: stackId })
      .resolvesOnce(stack({ status: 'UPDATE_COMPLETE', hibernated: 'false' }))
      .resolvesOnce(stack({ status: 'UPDATE_IN_PROGRESS', hibernated: 'true' }))
      .resolves(stack({ status: 'UPDATE_COMPLETE', hibernated: 'true' }))

    const { change, reporter } = turnOn()

    await expect(change).resolves.toBe('changed')
    expect(asked()).toEqual(['true'])
    expect(reporter.at('info')).toContain(
      "Stack 'gen3-poc' is UPDATE_IN_PROGRESS: waiting for that operation to finish first"
    )
  })

  it("names the first failed resource's reason when the update rolls back", async () => {
    stackOfChangeSets(cloudFormation, 'false')
    cloudFormation
      .on(DescribeStacksCommand, { StackName: stackId })
      .resolves(
        stack({ status: 'UPDATE_ROLLBACK_COMPLETE', hibernated: 'false' })
      )
    cloudFormation
      .on(DescribeStackEventsCommand)
      .resolvesOnce({ StackEvents: [] })
      .resolves({
        StackEvents: [
          stackEvent('sleep', stackName, 'UPDATE_ROLLBACK_COMPLETE'),
          stackEvent(
            'sleep',
            'SleepPageJsonAccept',
            'CREATE_FAILED',
            'Priority 10 is currently in use'
          ),
          stackEvent('sleep', stackName, 'UPDATE_IN_PROGRESS')
        ]
      })

    const { change } = turnOn()

    await expect(change).rejects.toThrow(StackFailedError)
    await expect(change).rejects.toThrow(
      "Stack 'gen3-poc' ended UPDATE_ROLLBACK_COMPLETE. Root cause: SleepPageJsonAccept (AWS::ElasticLoadBalancingV2::ListenerRule) CREATE_FAILED: Priority 10 is currently in use."
    )
  })

  it('gives up at the deadline, saying what the stack is doing', async () => {
    stackOfChangeSets(cloudFormation, 'false')
    cloudFormation
      .on(DescribeStacksCommand, { StackName: stackId })
      .resolves(stack({ status: 'UPDATE_IN_PROGRESS', hibernated: 'true' }))

    const { change } = turnOn(2)

    await expect(change).rejects.toThrow(WaitTimeoutError)
    await expect(change).rejects.toThrow(
      "Gave up waiting for stack 'gen3-poc' to update after 120 s: the stack is still UPDATE_IN_PROGRESS."
    )
  })
})
