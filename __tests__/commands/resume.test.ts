import {
  afterEach,
  beforeEach,
  describe,
  expect,
  it,
  jest
} from '@jest/globals'
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand
} from '@aws-sdk/client-cloudformation'
import {
  CreateTagsCommand,
  DescribeInstancesCommand,
  EC2Client,
  StartInstancesCommand
} from '@aws-sdk/client-ec2'
import {
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client
} from '@aws-sdk/client-elastic-load-balancing-v2'
import type { SSMClient } from '@aws-sdk/client-ssm'
import { mockClient } from 'aws-sdk-client-mock'

import type { Reporter } from '../../src/report/reporter.js'
import type { ShellCommand, ShellResult } from '../../src/ssm/command.js'
import type { Deadline } from '../../src/wait/clock.js'
import { WaitTimeoutError } from '../../src/wait/poll.js'
import type { InstanceShape } from '../instance/world.js'
import { printed } from '../fixtures/shell.js'
import {
  contextFor,
  described,
  hibernatedReason,
  instanceId,
  stack,
  stackEvent,
  stackId,
  stackOfChangeSets,
  stoppedReason,
  targetGroupArn,
  url
} from '../instance/world.js'

// The SSM transport is its own part; here it is replaced at its boundary.
const waitForAgent =
  jest.fn<
    (
      ssm: SSMClient,
      instanceId: string,
      deadline: Deadline,
      reporter: Reporter
    ) => Promise<void>
  >()
const runShell =
  jest.fn<
    (
      ssm: SSMClient,
      command: ShellCommand,
      deadline: Deadline,
      reporter: Reporter
    ) => Promise<ShellResult>
  >()
jest.unstable_mockModule('../../src/ssm/agent.js', () => ({ waitForAgent }))
jest.unstable_mockModule('../../src/ssm/command.js', () => ({ runShell }))

const { resume, resumePhases } = await import('../../src/commands/resume.js')
const { StartFellBackError } = await import('../../src/instance/start.js')
const { InstanceGoneError } = await import('../../src/instance/instance.js')

const cloudFormation = mockClient(CloudFormationClient)
const ec2 = mockClient(EC2Client)
const elbv2 = mockClient(ElasticLoadBalancingV2Client)

/**
 * The instance as each DescribeInstances sees it, the last one for good.
 * Resume looks once before it changes anything and again as it starts the
 * instance; nothing happens to the instance between the two.
 */
function instanceGoes(...given: InstanceShape[]) {
  const shapes = given.length > 1 ? [given[0]!, ...given] : given
  const last = shapes.pop() ?? {}
  let chain = ec2.on(DescribeInstancesCommand)
  for (const shape of shapes) chain = chain.resolvesOnce(described(shape))
  chain.resolves(described(last))
}

function targetGoes(...states: [string, string?, string?][]) {
  const answer = ([State, Reason, Description]: [
    string,
    string?,
    string?
  ]) => ({
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
  })
  const last = states.pop() ?? ['healthy']
  let chain = elbv2.on(DescribeTargetHealthCommand)
  for (const state of states) chain = chain.resolvesOnce(answer(state))
  chain.resolves(answer(last))
}

/** The stack with the sleep page on, switched off by the resume. */
function stackWakes() {
  return stackOfChangeSets(cloudFormation, 'true')
}

function answering(...statuses: number[]) {
  const queue = [...statuses]
  return jest.spyOn(globalThis, 'fetch').mockImplementation(() => {
    const status = (queue.length > 1 ? queue.shift() : queue[0]) ?? 200
    return Promise.resolve(new Response('', { status }))
  })
}

const composeRunning =
  'unit active\nservice revproxy-service running\nservice fence-service running'

/** A wait that uses up the whole budget, as a real one that never succeeds. */
async function exhaust(deadline: Deadline): Promise<void> {
  await deadline.clock.sleep(deadline.remainingMilliseconds())
}

const wokeFromHibernation: InstanceShape[] = [
  { state: 'stopped', reason: hibernatedReason },
  { state: 'pending' },
  { state: 'pending' },
  { state: 'running' }
]

beforeEach(() => {
  cloudFormation.reset()
  ec2.reset()
  elbv2.reset()
  waitForAgent.mockReset()
  runShell.mockReset()
  ec2.on(StartInstancesCommand).resolves({})
  waitForAgent.mockImplementation(async (_ssm, _id, deadline) => {
    await deadline.clock.sleep(20_000)
  })
  runShell.mockResolvedValue(printed(composeRunning))
})

afterEach(() => {
  jest.restoreAllMocks()
})

describe('resume', () => {
  it('wakes the commons phase by phase: the NAT gateway first, forwarding only once the target is healthy', async () => {
    const { asked } = stackOfChangeSets(cloudFormation, 'true', 'true')
    instanceGoes(...wokeFromHibernation)
    targetGoes(
      ['unused', 'Target.InvalidState', 'Target is in the stopped state'],
      [
        'initial',
        'Elb.InitialHealthChecking',
        'Initial health checks in progress'
      ],
      ['healthy']
    )
    const fetch = answering(503, 200)
    const { context, reporter } = contextFor('resume')

    await resume(context)

    expect(reporter.groups).toEqual([
      resumePhases.network,
      'Change set gen3-poc-resume-20261203120000',
      'Stack events of gen3-poc',
      resumePhases.start,
      resumePhases.agent,
      resumePhases.services,
      resumePhases.target,
      resumePhases.forwarding,
      'Change set gen3-poc-resume-20261203120042',
      'Stack events of gen3-poc',
      resumePhases.answer
    ])
    const start = ec2.commandCalls(StartInstancesCommand)
    expect(start).toHaveLength(1)
    expect(asked('NatGatewayRemoved')).toEqual(['false'])
    expect(
      cloudFormation
        .commandCalls(ExecuteChangeSetCommand)[0]
        ?.calledBefore(start[0]!)
    ).toBe(true)
    expect(waitForAgent.mock.calls[0]?.[1]).toBe(instanceId)
    expect(
      elbv2.commandCalls(DescribeTargetHealthCommand)[0]?.args[0].input
    ).toEqual({ TargetGroupArn: targetGroupArn })
    const healthy = elbv2.commandCalls(DescribeTargetHealthCommand).at(-1)
    const forwarding = cloudFormation
      .commandCalls(CreateChangeSetCommand)
      .slice(1)
    expect(forwarding).toHaveLength(1)
    expect(healthy?.calledBefore(forwarding[0]!)).toBe(true)
    expect(
      forwarding[0]?.args[0].input.Parameters?.find(
        (parameter) => parameter.ParameterKey === 'Hibernated'
      )
    ).toEqual({ ParameterKey: 'Hibernated', ParameterValue: 'false' })
    expect(fetch).toHaveBeenCalledTimes(2)

    expect(reporter.outputs).toEqual({
      'elapsed-seconds': '47',
      'instance-state': 'running',
      'instance-id': instanceId,
      url
    })
    expect(
      reporter
        .at('info')
        .filter((line) =>
          Object.values(resumePhases).some((phase) =>
            line.startsWith(`${phase}:`)
          )
        )
    ).toEqual([
      'Restore the NAT gateway: the NAT gateway is back: the instance can reach SSM again (2 s)',
      `Start the instance: ${instanceId} woke from hibernation (8 s)`,
      'Wait for the SSM agent: the SSM agent is online (20 s)',
      'Make sure the services are up: gen3-compose.service was already active; 2 of 2 services running (0 s)',
      `Wait for the target to be healthy: the load balancer finds ${instanceId} healthy (13 s)`,
      'Restore forwarding: the hibernation page is off; the load balancer forwards again (2 s)',
      `Wait for the commons to answer: ${url} answers HTTP 200 in 0 ms (3 s)`
    ])
    expect(reporter.at('info').at(-1)).toBe('Resume ended after 47 s')
    expect(reporter.summaries[0]).toContain(
      '| NatGateway | AWS::EC2::NatGateway | Add | - | - |'
    )
    expect(reporter.summaries[1]).toContain(
      '| SleepPageHtml | AWS::ElasticLoadBalancingV2::ListenerRule | Remove | - | - |'
    )
    expect(reporter.summaries.slice(2)).toEqual([
      [
        '### Resume gen3-poc',
        '',
        '| phase | what happened | seconds |',
        '| --- | --- | ---: |',
        '| Restore the NAT gateway | the NAT gateway is back: the instance can reach SSM again | 2 |',
        `| Start the instance | ${instanceId} woke from hibernation | 8 |`,
        '| Wait for the SSM agent | the SSM agent is online | 20 |',
        '| Make sure the services are up | gen3-compose.service was already active; 2 of 2 services running | 0 |',
        `| Wait for the target to be healthy | the load balancer finds ${instanceId} healthy | 13 |`,
        '| Restore forwarding | the hibernation page is off; the load balancer forwards again | 2 |',
        `| Wait for the commons to answer | ${url} answers HTTP 200 in 0 ms | 3 |`,
        '| **total** | | **47** |',
        '',
        `- Instance \`${instanceId}\`: running`,
        `- URL: ${url}`,
        ''
      ].join('\n')
    ])
  })

  it('starts the compose unit after a plain stop', async () => {
    stackWakes()
    instanceGoes(
      { state: 'stopped', reason: stoppedReason },
      { state: 'running' }
    )
    targetGoes(['healthy'])
    answering(200)
    runShell.mockResolvedValue(
      printed('unit started\nservice revproxy-service running')
    )
    const { context, reporter } = contextFor('resume')

    await resume(context)

    expect(runShell.mock.calls[0]?.[1].script).toContain(
      'systemctl start "$unit"'
    )
    expect(reporter.summaries.at(-1)).toContain(
      `| Start the instance | ${instanceId} started after a plain stop | 0 |`
    )
    expect(reporter.summaries.at(-1)).toContain(
      '| Make sure the services are up | started gen3-compose.service; 1 of 1 services running | 0 |'
    )
  })

  it('tags the instance to stay awake for the hours asked', async () => {
    stackWakes()
    instanceGoes(...wokeFromHibernation)
    targetGoes(['healthy'])
    answering(200)
    ec2.on(CreateTagsCommand).resolves({})
    const { context, reporter } = contextFor('resume', {
      'keep-awake-hours': '8'
    })

    await resume(context)

    expect(ec2.commandCalls(CreateTagsCommand)[0]?.args[0].input).toEqual({
      Resources: [instanceId],
      Tags: [{ Key: 'keep-awake-until', Value: '2026-12-03T20:00:00.000Z' }]
    })
    expect(reporter.at('info')).toContain(
      `Tagged ${instanceId} keep-awake-until=2026-12-03T20:00:00.000Z: the scheduled hibernate leaves it running until 2026-12-03T20:00:00Z (8 h).`
    )
  })

  it('sets no tag when keep-awake-hours is 0', async () => {
    stackWakes()
    instanceGoes(...wokeFromHibernation)
    targetGoes(['healthy'])
    answering(200)
    const { context } = contextFor('resume')

    await resume(context)

    expect(ec2.commandCalls(CreateTagsCommand)).toHaveLength(0)
  })

  it('checks a running instance without starting it, with a notice', async () => {
    stackOfChangeSets(cloudFormation, 'false')
    instanceGoes({ state: 'running' })
    targetGoes(['healthy'])
    answering(200)
    const { context, reporter } = contextFor('resume')

    await resume(context)

    expect(ec2.commandCalls(StartInstancesCommand)).toHaveLength(0)
    expect(cloudFormation.commandCalls(CreateChangeSetCommand)).toHaveLength(0)
    expect(reporter.at('notice')).toEqual([
      `The instance ${instanceId} is already running: checking that the commons answers.`,
      "The stack's Hibernated parameter is already 'false': nothing to change."
    ])
    expect(reporter.groups).toEqual(Object.values(resumePhases))
  })

  it('waits for a hibernation in progress to finish, then starts the instance', async () => {
    stackWakes()
    instanceGoes(
      { state: 'stopping' },
      { state: 'stopping' },
      { state: 'stopped', reason: hibernatedReason },
      { state: 'pending' },
      { state: 'running' }
    )
    targetGoes(['healthy'])
    answering(200)
    const { context, reporter } = contextFor('resume')

    await resume(context)

    const stopped = ec2.commandCalls(DescribeInstancesCommand)[2]
    const start = ec2.commandCalls(StartInstancesCommand)[0]
    expect(stopped?.calledBefore(start!)).toBe(true)
    expect(reporter.at('info')).toContain(
      `${instanceId} is still stopping: waiting until it is stopped to start it`
    )
    expect(reporter.summaries.at(-1)).toContain(
      `| Start the instance | ${instanceId} woke from hibernation |`
    )
  })

  it('waits for a start already under way without starting again', async () => {
    stackWakes()
    instanceGoes(
      { state: 'pending' },
      { state: 'pending' },
      { state: 'running' }
    )
    targetGoes(['healthy'])
    answering(200)
    const { context } = contextFor('resume')

    await resume(context)

    expect(ec2.commandCalls(StartInstancesCommand)).toHaveLength(0)
  })

  it('reports a start that falls back to stopped, and goes no further', async () => {
    stackOfChangeSets(cloudFormation, 'true')
    instanceGoes(
      { state: 'stopped', reason: hibernatedReason },
      { state: 'pending' },
      {
        state: 'stopped',
        reason: {
          code: 'Client.InternalError',
          message: 'Client.InternalError: Client error on launch'
        }
      }
    )
    const { context, reporter } = contextFor('resume')

    const resuming = resume(context)

    await expect(resuming).rejects.toThrow(StartFellBackError)
    await expect(resuming).rejects.toThrow(
      `The instance ${instanceId} went back to stopped instead of starting (Client.InternalError: Client error on launch). EC2 does this when it cannot use the KMS key of an encrypted volume`
    )
    expect(waitForAgent).not.toHaveBeenCalled()
    expect(cloudFormation.commandCalls(CreateChangeSetCommand)).toHaveLength(0)
    expect(reporter.outputs['instance-state']).toBe('stopped')
    expect(reporter.summaries.at(-1)).toContain(
      '| Wait for the SSM agent | not reached | |'
    )
  })

  it('fails when the SSM agent never comes online, leaving the sleep page on', async () => {
    stackWakes()
    instanceGoes(...wokeFromHibernation)
    waitForAgent.mockImplementation(async (_ssm, id, deadline) => {
      await exhaust(deadline)
      throw new WaitTimeoutError(
        `the SSM agent of ${id} to be online`,
        'its ping status is ConnectionLost',
        deadline.elapsedSeconds()
      )
    })
    const { context, reporter } = contextFor('resume', {
      'timeout-minutes': '10'
    })

    const resuming = resume(context)

    await expect(resuming).rejects.toThrow(
      `Gave up waiting for the SSM agent of ${instanceId} to be online after 600 s: its ping status is ConnectionLost. Raise timeout-minutes if it needs longer.`
    )
    expect(runShell).not.toHaveBeenCalled()
    expect(cloudFormation.commandCalls(CreateChangeSetCommand)).toHaveLength(0)
    expect(reporter.outputs['elapsed-seconds']).toBe('600')
    expect(reporter.summaries.at(-1)).toContain(
      '| Wait for the SSM agent | **failed**: Gave up waiting for the SSM agent'
    )
  })

  it('fails with the load balancer reason code when the target never gets healthy', async () => {
    stackWakes()
    instanceGoes(...wokeFromHibernation)
    targetGoes([
      'unhealthy',
      'Target.ResponseCodeMismatch',
      'Health checks failed with these codes: [502]'
    ])
    const { context } = contextFor('resume', { 'timeout-minutes': '15' })

    const resuming = resume(context)

    await expect(resuming).rejects.toThrow(WaitTimeoutError)
    await expect(resuming).rejects.toThrow(
      `Gave up waiting for the load balancer to find ${instanceId} healthy after 900 s: the target is unhealthy (Target.ResponseCodeMismatch: Health checks failed with these codes: [502]). Raise timeout-minutes if it needs longer.`
    )
    expect(cloudFormation.commandCalls(CreateChangeSetCommand)).toHaveLength(0)
  })

  it('fails with the last answer when the URL never answers 200', async () => {
    stackWakes()
    instanceGoes(...wokeFromHibernation)
    targetGoes(['healthy'])
    answering(502)
    const { context, reporter } = contextFor('resume', {
      'timeout-minutes': '5'
    })

    const resuming = resume(context)

    await expect(resuming).rejects.toThrow(
      `Gave up waiting for ${url} to answer 200 after 300 s: its last answer was HTTP 502. Raise timeout-minutes if it needs longer.`
    )
    expect(cloudFormation.commandCalls(CreateChangeSetCommand)).toHaveLength(1)
    expect(reporter.outputs['instance-state']).toBe('running')
  })

  it('fails clearly for a terminated instance, starting nothing and making no NAT gateway', async () => {
    stackOfChangeSets(cloudFormation, 'true', 'true')
    instanceGoes({ state: 'terminated', reason: stoppedReason })
    const { context } = contextFor('resume', { 'keep-awake-hours': '4' })

    await expect(resume(context)).rejects.toThrow(InstanceGoneError)
    expect(ec2.commandCalls(StartInstancesCommand)).toHaveLength(0)
    expect(ec2.commandCalls(CreateTagsCommand)).toHaveLength(0)
    expect(cloudFormation.commandCalls(CreateChangeSetCommand)).toHaveLength(0)
  })

  it('starts nothing when the NAT gateway cannot be made again, naming the root cause', async () => {
    stackOfChangeSets(cloudFormation, 'true', 'true')
    cloudFormation.on(DescribeStacksCommand, { StackName: stackId }).resolves(
      stack({
        status: 'UPDATE_ROLLBACK_COMPLETE',
        hibernated: 'true',
        natGatewayRemoved: 'true'
      })
    )
    cloudFormation
      .on(DescribeStackEventsCommand)
      .resolvesOnce({ StackEvents: [] })
      .resolves({
        StackEvents: [
          stackEvent(
            'wake',
            'NatGateway',
            'CREATE_FAILED',
            'API: ec2:CreateNatGateway You are not authorized to perform this operation.'
          )
        ]
      })
    instanceGoes({ state: 'stopped', reason: hibernatedReason })
    const { context, reporter } = contextFor('resume')

    await expect(resume(context)).rejects.toThrow(
      "Stack 'gen3-poc' ended UPDATE_ROLLBACK_COMPLETE. Root cause: NatGateway (AWS::EC2::NatGateway) CREATE_FAILED: API: ec2:CreateNatGateway You are not authorized to perform this operation."
    )
    expect(ec2.commandCalls(StartInstancesCommand)).toHaveLength(0)
    expect(reporter.outputs['instance-state']).toBe('stopped')
  })
})
