import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  ExecuteChangeSetCommand
} from '@aws-sdk/client-cloudformation'
import {
  DeleteTagsCommand,
  DescribeInstancesCommand,
  EC2Client,
  StopInstancesCommand
} from '@aws-sdk/client-ec2'
import { mockClient } from 'aws-sdk-client-mock'

import { hibernate } from '../../src/commands/hibernate.js'
import {
  HibernationNotConfiguredError,
  InstanceNotReadyError
} from '../../src/instance/hibernation-plan.js'
import { InstanceGoneError } from '../../src/instance/instance.js'
import { HibernationRejectedError } from '../../src/instance/refusal.js'
import { WaitTimeoutError } from '../../src/wait/poll.js'
import type { InstanceShape } from '../instance/world.js'
import {
  contextFor,
  described,
  ec2Error,
  hibernatedReason,
  instanceId,
  noon,
  stackOfChangeSets,
  stoppedReason,
  url
} from '../instance/world.js'

const cloudFormation = mockClient(CloudFormationClient)
const ec2 = mockClient(EC2Client)

/** The values the change sets asked for, in order, of Hibernated or another switch. */
let updatesTo: (
  parameter?: 'Hibernated' | 'NatGatewayRemoved'
) => (string | undefined)[]

/**
 * The commons' stack, with the sleep page on ('true') or off, and with a NAT
 * gateway of its own when natGatewayRemoved is given.
 */
function stackWith(hibernated = 'false', natGatewayRemoved?: string) {
  updatesTo = stackOfChangeSets(
    cloudFormation,
    hibernated,
    natGatewayRemoved
  ).asked
}

/** The instance as each DescribeInstances sees it, the last one for good. */
function instanceGoes(...shapes: InstanceShape[]) {
  const last = shapes.pop() ?? {}
  let chain = ec2.on(DescribeInstancesCommand)
  for (const shape of shapes) chain = chain.resolvesOnce(described(shape))
  chain.resolves(described(last))
}

const hibernates: InstanceShape[] = [
  { state: 'running' },
  { state: 'stopping' },
  { state: 'stopping' },
  { state: 'stopped', reason: hibernatedReason }
]

beforeEach(() => {
  cloudFormation.reset()
  ec2.reset()
})

describe('hibernate', () => {
  it('shows the sleep page, hibernates the instance and waits until it is stopped, then removes the NAT gateway', async () => {
    stackWith('false', 'false')
    instanceGoes(...hibernates)
    ec2.on(StopInstancesCommand).resolves({})
    const { context, reporter } = contextFor('hibernate')

    await hibernate(context)

    const [update, network] = cloudFormation.commandCalls(
      ExecuteChangeSetCommand
    )
    const stop = ec2.commandCalls(StopInstancesCommand)[0]
    expect(updatesTo()).toEqual(['true'])
    expect(updatesTo('NatGatewayRemoved')).toEqual(['true'])
    expect(stop?.calledBefore(network!)).toBe(true)
    expect(stop?.args[0].input).toEqual({
      InstanceIds: [instanceId],
      Hibernate: true
    })
    expect(update?.calledBefore(stop!)).toBe(true)
    expect(reporter.groups).toEqual([
      'Check the instance',
      'Show the sleep page',
      'Change set gen3-poc-hibernate-20261203120000',
      'Stack events of gen3-poc',
      'Hibernate the instance',
      'Remove the NAT gateway',
      'Change set gen3-poc-hibernate-20261203120009',
      'Stack events of gen3-poc'
    ])
    expect(reporter.outputs).toEqual({
      'elapsed-seconds': '12',
      'instance-state': 'stopped',
      'instance-id': instanceId,
      url
    })
    expect(reporter.at('info')).toContain(
      `Hibernate the instance: ${instanceId} hibernated: memory kept on its root volume (8 s)`
    )
    expect(reporter.at('info').at(-1)).toBe('Hibernate ended after 12 s')
    expect(reporter.summaries[0]).toContain(
      '| SleepPageHtml | AWS::ElasticLoadBalancingV2::ListenerRule | Add | - | - |'
    )
    expect(reporter.summaries[1]).toContain(
      '| NatGateway | AWS::EC2::NatGateway | Remove | - | - |'
    )
    expect(reporter.summaries.slice(2)).toEqual([
      [
        '### Hibernate gen3-poc',
        '',
        '| phase | what happened | seconds |',
        '| --- | --- | ---: |',
        `| Check the instance | ${instanceId} is running: ready to hibernate | 0 |`,
        '| Show the sleep page | visitors now get the hibernation page (HTTP 503) | 2 |',
        `| Hibernate the instance | ${instanceId} hibernated: memory kept on its root volume | 8 |`,
        '| Remove the NAT gateway | the NAT gateway is removed until resume; its Elastic IP is kept | 2 |',
        '| **total** | | **12** |',
        '',
        `- Instance \`${instanceId}\`: stopped`,
        `- ${url} answers with the hibernation page until resume`,
        '- NAT gateway: removed until resume',
        ''
      ].join('\n')
    ])
  })

  it('reports an instance launched too recently as not ready yet, and changes nothing', async () => {
    stackWith('false')
    instanceGoes({ state: 'running', launchedAt: noon - 70_000 })
    const { context, reporter } = contextFor('hibernate')

    const hibernating = hibernate(context)

    await expect(hibernating).rejects.toThrow(InstanceNotReadyError)
    await expect(hibernating).rejects.toThrow(
      'Run hibernate again after 2026-12-03T12:01:50Z (in 110 s).'
    )
    expect(cloudFormation.commandCalls(CreateChangeSetCommand)).toHaveLength(0)
    expect(ec2.commandCalls(StopInstancesCommand)).toHaveLength(0)
    expect(reporter.outputs['instance-state']).toBe('running')
    expect(reporter.summaries[0]).toContain(
      '| Check the instance | **failed**: The instance'
    )
    expect(reporter.summaries[0]).toContain(
      '| Show the sleep page | not reached | |'
    )
  })

  it('fails and explains when the instance was not launched for hibernation', async () => {
    stackWith('false')
    instanceGoes({ state: 'running', configured: false })
    const { context } = contextFor('hibernate')

    const hibernating = hibernate(context)

    await expect(hibernating).rejects.toThrow(HibernationNotConfiguredError)
    await expect(hibernating).rejects.toThrow(
      'hibernation can only be enabled at launch'
    )
    expect(cloudFormation.commandCalls(CreateChangeSetCommand)).toHaveLength(0)
    expect(ec2.commandCalls(StopInstancesCommand)).toHaveLength(0)
  })

  it('stops an instance that cannot hibernate when fallback-to-stop is true, with a warning', async () => {
    stackWith('false')
    instanceGoes(
      { state: 'running', configured: false },
      { state: 'stopped', configured: false, reason: stoppedReason }
    )
    ec2.on(StopInstancesCommand).resolves({})
    const { context, reporter } = contextFor('hibernate', {
      'fallback-to-stop': 'true'
    })

    await hibernate(context)

    expect(ec2.commandCalls(StopInstancesCommand)[0]?.args[0].input).toEqual({
      InstanceIds: [instanceId],
      Hibernate: false
    })
    expect(reporter.at('warning')).toEqual([
      `The instance ${instanceId} was not launched with hibernation enabled: stopping it instead, as fallback-to-stop allows. Its memory is lost, and resume will start the services again, which takes longer than waking from hibernation.`
    ])
    expect(reporter.at('info')).toContain(
      `Hibernate the instance: ${instanceId} stopped: memory not kept, resume starts the services again (0 s)`
    )
  })

  it('succeeds with a notice for an instance already stopped, making sure the sleep page is on and the NAT gateway removed', async () => {
    stackWith('false', 'false')
    instanceGoes({ state: 'stopped', reason: hibernatedReason })
    const { context, reporter } = contextFor('hibernate')

    await hibernate(context)

    expect(reporter.at('notice')).toEqual([
      `The instance ${instanceId} is already stopped: nothing to hibernate.`
    ])
    expect(updatesTo()).toEqual(['true'])
    expect(updatesTo('NatGatewayRemoved')).toEqual(['true'])
    expect(ec2.commandCalls(StopInstancesCommand)).toHaveLength(0)
    expect(reporter.outputs['instance-state']).toBe('stopped')
    expect(reporter.summaries.at(-1)).toContain(
      `| Hibernate the instance | skipped: ${instanceId} is already stopped | 0 |`
    )
  })

  it('changes nothing at all for a stopped instance whose sleep page is on', async () => {
    stackWith('true')
    instanceGoes({ state: 'stopped', reason: hibernatedReason })
    const { context, reporter } = contextFor('hibernate')

    await hibernate(context)

    expect(cloudFormation.commandCalls(CreateChangeSetCommand)).toHaveLength(0)
    expect(ec2.commandCalls(StopInstancesCommand)).toHaveLength(0)
    expect(reporter.at('notice')).toEqual([
      `The instance ${instanceId} is already stopped: nothing to hibernate.`,
      "The stack's Hibernated parameter is already 'true': nothing to change."
    ])
  })

  it('succeeds with a notice while a stop is in progress, without waiting for it', async () => {
    stackWith('true')
    instanceGoes({ state: 'stopping' })
    const { context, reporter, clock } = contextFor('hibernate')

    await hibernate(context)

    expect(reporter.at('notice')[0]).toBe(
      `The instance ${instanceId} is already stopping: nothing to do, it will be stopped shortly.`
    )
    expect(ec2.commandCalls(StopInstancesCommand)).toHaveLength(0)
    expect(clock.sleeps).toEqual([])
    expect(reporter.outputs['instance-state']).toBe('stopping')
  })

  it('leaves an instance kept awake running on a scheduled run, saying until when', async () => {
    stackWith('false', 'false')
    instanceGoes({
      state: 'running',
      tags: { 'keep-awake-until': '2026-12-03T20:00:00.000Z' }
    })
    const { context, reporter } = contextFor(
      'hibernate',
      {},
      { GITHUB_EVENT_NAME: 'schedule' }
    )

    await hibernate(context)

    expect(reporter.at('notice')).toEqual([
      `The instance ${instanceId} stays awake until 2026-12-03T20:00:00Z (in 8 h), as its keep-awake-until tag asks: the scheduled hibernate leaves it running. Run hibernate by hand to put it to sleep sooner.`
    ])
    expect(cloudFormation.commandCalls(CreateChangeSetCommand)).toHaveLength(0)
    expect(ec2.commandCalls(StopInstancesCommand)).toHaveLength(0)
    expect(reporter.outputs['instance-state']).toBe('running')
    expect(reporter.summaries[0]).toContain(
      '| Hibernate the instance | skipped: the commons stays awake | 0 |'
    )
    expect(reporter.summaries[0]).toContain(
      '| Remove the NAT gateway | skipped: the commons stays awake | 0 |'
    )
  })

  it('hibernates on a scheduled run once the keep-awake tag has expired, saying so', async () => {
    stackWith('false')
    const tags = { 'keep-awake-until': '2026-12-03T11:00:00Z' }
    instanceGoes(...hibernates.map((shape) => ({ ...shape, tags })))
    ec2.on(StopInstancesCommand).resolves({})
    const { context, reporter } = contextFor(
      'hibernate',
      {},
      { GITHUB_EVENT_NAME: 'schedule' }
    )

    await hibernate(context)

    expect(reporter.at('info')).toContain(
      `The keep-awake-until tag of ${instanceId} expired at 2026-12-03T11:00:00Z (60 min ago): hibernating as asked.`
    )
    expect(ec2.commandCalls(StopInstancesCommand)).toHaveLength(1)
    expect(ec2.commandCalls(DeleteTagsCommand)).toHaveLength(0)
  })

  it('hibernates a kept-awake instance when run by hand, and removes the tag', async () => {
    stackWith('false')
    const tags = { 'keep-awake-until': '2026-12-03T20:00:00Z' }
    instanceGoes(...hibernates.map((shape) => ({ ...shape, tags })))
    ec2.on(StopInstancesCommand).resolves({})
    ec2.on(DeleteTagsCommand).resolves({})
    const { context, reporter } = contextFor(
      'hibernate',
      {},
      { GITHUB_EVENT_NAME: 'workflow_dispatch' }
    )

    await hibernate(context)

    expect(ec2.commandCalls(DeleteTagsCommand)[0]?.args[0].input).toEqual({
      Resources: [instanceId],
      Tags: [{ Key: 'keep-awake-until' }]
    })
    expect(ec2.commandCalls(StopInstancesCommand)).toHaveLength(1)
    expect(reporter.at('notice')[0]).toContain(
      'this hibernate was started by the workflow_dispatch event, not by the schedule'
    )
  })

  it('turns the sleep page off again when EC2 refuses to hibernate the instance, keeping the NAT gateway', async () => {
    stackWith('false', 'false')
    instanceGoes({ state: 'running' })
    ec2
      .on(StopInstancesCommand)
      .rejects(
        ec2Error(
          'UnsupportedHibernationConfiguration',
          'The instance is not configured for hibernation'
        )
      )
    const { context, reporter } = contextFor('hibernate')

    const hibernating = hibernate(context)

    await expect(hibernating).rejects.toThrow(HibernationRejectedError)
    await expect(hibernating).rejects.toThrow(
      `EC2 will not hibernate the instance ${instanceId} (UnsupportedHibernationConfiguration: The instance is not configured for hibernation).`
    )
    expect(updatesTo()).toEqual(['true', 'false'])
    expect(updatesTo('NatGatewayRemoved')).toEqual([])
    expect(reporter.at('warning')).toEqual([
      'The instance is still running: turning the hibernation page off again.'
    ])
    expect(reporter.groups).toEqual([
      'Check the instance',
      'Show the sleep page',
      'Change set gen3-poc-hibernate-20261203120000',
      'Stack events of gen3-poc',
      'Hibernate the instance',
      'Restore forwarding',
      'Change set gen3-poc-hibernate-20261203120002',
      'Stack events of gen3-poc'
    ])
    expect(reporter.outputs['instance-state']).toBe('running')
  })

  it('stops the instance instead when EC2 refuses hibernation and fallback-to-stop is true', async () => {
    stackWith('false')
    instanceGoes(
      { state: 'running' },
      { state: 'stopped', reason: stoppedReason }
    )
    ec2
      .on(StopInstancesCommand, { Hibernate: true })
      .rejects(
        ec2Error(
          'UnsupportedHibernationConfiguration',
          'The instance is not configured for hibernation'
        )
      )
      .on(StopInstancesCommand, { Hibernate: false })
      .resolves({})
    const { context, reporter } = contextFor('hibernate', {
      'fallback-to-stop': 'true'
    })

    await hibernate(context)

    expect(
      ec2
        .commandCalls(StopInstancesCommand)
        .map((call) => call.args[0].input.Hibernate)
    ).toEqual([true, false])
    expect(reporter.at('warning')).toEqual([
      `EC2 will not hibernate ${instanceId} (UnsupportedHibernationConfiguration: The instance is not configured for hibernation): stopping it instead, as fallback-to-stop allows. Its memory is lost, and resume will start the services again.`
    ])
    expect(updatesTo()).toEqual(['true'])
    expect(reporter.outputs['instance-state']).toBe('stopped')
  })

  it('gives up at the deadline when the instance stays stopping, with the state in the outputs', async () => {
    stackWith('false')
    instanceGoes({ state: 'running' }, { state: 'stopping' })
    ec2.on(StopInstancesCommand).resolves({})
    const { context, reporter } = contextFor('hibernate', {
      'timeout-minutes': '5'
    })

    const hibernating = hibernate(context)

    await expect(hibernating).rejects.toThrow(WaitTimeoutError)
    await expect(hibernating).rejects.toThrow(
      `Gave up waiting for ${instanceId} to stop after 300 s: it is still stopping. Raise timeout-minutes if it needs longer.`
    )
    expect(updatesTo()).toEqual(['true'])
    expect(reporter.outputs['instance-state']).toBe('stopping')
    expect(reporter.outputs['elapsed-seconds']).toBe('300')
  })

  it('fails clearly for a terminated instance', async () => {
    stackWith('false')
    instanceGoes({ state: 'terminated', reason: stoppedReason })
    const { context } = contextFor('hibernate')

    await expect(hibernate(context)).rejects.toThrow(InstanceGoneError)
    expect(cloudFormation.commandCalls(CreateChangeSetCommand)).toHaveLength(0)
  })
})
