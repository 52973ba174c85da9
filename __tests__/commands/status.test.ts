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
  DescribeStacksCommand
} from '@aws-sdk/client-cloudformation'
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2'
import {
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client
} from '@aws-sdk/client-elastic-load-balancing-v2'
import { mockClient } from 'aws-sdk-client-mock'

import { status } from '../../src/commands/status.js'
import { policyActions } from '../stack/policy-documents.js'
import {
  deployedParameters,
  missingStack,
  outputs,
  sentActions,
  stack,
  world
} from '../stack/fixtures.js'

const cloudFormation = mockClient(CloudFormationClient)
const ec2 = mockClient(EC2Client)
const elbv2 = mockClient(ElasticLoadBalancingV2Client)

function commons(
  instanceState: 'running' | 'stopped',
  target: { State: string; Reason?: string; Description?: string },
  hibernated = 'false',
  natGatewayRemoved?: string
) {
  cloudFormation.on(DescribeStacksCommand).resolves({
    Stacks: [
      stack('UPDATE_COMPLETE', {
        Outputs: outputs,
        Parameters: [
          deployedParameters[0]!,
          { ParameterKey: 'Hibernated', ParameterValue: hibernated },
          deployedParameters[2]!,
          ...(natGatewayRemoved === undefined
            ? []
            : [
                {
                  ParameterKey: 'NatGatewayRemoved',
                  ParameterValue: natGatewayRemoved
                }
              ])
        ],
        EnableTerminationProtection: true
      })
    ]
  })
  ec2.on(DescribeInstancesCommand).resolves({
    Reservations: [
      {
        Instances: [
          {
            InstanceId: 'i-0123456789abcdef0',
            InstanceType: 'm5.2xlarge',
            State: { Name: instanceState },
            HibernationOptions: { Configured: true },
            LaunchTime: new Date(Date.UTC(2026, 10, 1, 9)),
            ...(instanceState === 'stopped'
              ? {
                  StateReason: {
                    Code: 'Client.UserInitiatedHibernate',
                    Message:
                      'Client.UserInitiatedHibernate: User initiated hibernate'
                  }
                }
              : {})
          }
        ]
      }
    ]
  })
  elbv2.on(DescribeTargetHealthCommand).resolves({
    TargetHealthDescriptions: [
      {
        Target: { Id: 'i-0123456789abcdef0', Port: 80 },
        TargetHealth: target as never
      }
    ]
  })
}

function answers(statusCode: number) {
  return jest
    .spyOn(globalThis, 'fetch')
    .mockResolvedValue(new Response('Gen3', { status: statusCode }))
}

beforeEach(() => {
  cloudFormation.reset()
  ec2.reset()
  elbv2.reset()
})

afterEach(() => {
  jest.restoreAllMocks()
})

describe('the status command', () => {
  it('gives one JSON output with stack, instance, hibernation, targets and the probe', async () => {
    commons('running', {
      State: 'unhealthy',
      Reason: 'Target.ResponseCodeMismatch',
      Description: 'Health checks failed with these codes: [502]'
    })
    const fetch = answers(502)
    const { context, reporter } = world({ command: 'status' })

    await status(context)

    expect(fetch).toHaveBeenCalledWith(
      'https://gen3.example.org',
      expect.objectContaining({ redirect: 'manual' })
    )
    expect(JSON.parse(reporter.outputs.status!)).toEqual({
      stackName: 'gen3-poc',
      region: 'ap-southeast-2',
      stack: {
        status: 'UPDATE_COMPLETE',
        reason: null,
        hibernated: false,
        natGatewayRemoved: null,
        terminationProtection: true
      },
      url: 'https://gen3.example.org',
      instance: {
        id: 'i-0123456789abcdef0',
        state: 'running',
        type: 'm5.2xlarge',
        hibernationConfigured: true,
        launchTime: '2026-11-01T09:00:00.000Z',
        stateReason: null
      },
      targets: [
        {
          id: 'i-0123456789abcdef0',
          port: 80,
          state: 'unhealthy',
          reason: 'Target.ResponseCodeMismatch',
          description: 'Health checks failed with these codes: [502]'
        }
      ],
      probe: {
        url: 'https://gen3.example.org',
        status: 502,
        latencyMilliseconds: 0,
        error: null
      }
    })
    expect(reporter.at('warning')).toEqual([
      'The instance is running but https://gen3.example.org answers HTTP 502: see the load balancer targets for the reason.'
    ])
    expect(reporter.outputs).toMatchObject({
      'stack-status': 'UPDATE_COMPLETE',
      'instance-state': 'running',
      url: 'https://gen3.example.org'
    })
  })

  it('reads like a sentence in the log and the job summary', async () => {
    commons(
      'stopped',
      {
        State: 'unused',
        Reason: 'Target.InvalidState',
        Description: 'Target is in the stopped state'
      },
      'true',
      'true'
    )
    answers(503)
    const { context, reporter } = world({ command: 'status' })

    await status(context)

    expect(reporter.at('info')).toEqual([
      'Stack: UPDATE_COMPLETE, hibernated, NAT gateway removed until resume',
      'Instance: i-0123456789abcdef0 stopped, m5.2xlarge, hibernation configured (Client.UserInitiatedHibernate: User initiated hibernate)',
      'Load balancer targets: i-0123456789abcdef0:80 unused (Target.InvalidState: Target is in the stopped state)',
      'HTTPS: https://gen3.example.org: HTTP 503 in 0 ms'
    ])
    expect(reporter.at('warning')).toEqual([])
    expect(reporter.summaries).toEqual([
      [
        '### Gen3 commons `gen3-poc` (ap-southeast-2)',
        '',
        '| | |',
        '| --- | --- |',
        '| Stack | UPDATE_COMPLETE, hibernated, NAT gateway removed until resume |',
        '| Instance | i-0123456789abcdef0 stopped, m5.2xlarge, hibernation configured (Client.UserInitiatedHibernate: User initiated hibernate) |',
        '| Load balancer targets | i-0123456789abcdef0:80 unused (Target.InvalidState: Target is in the stopped state) |',
        '| HTTPS | https://gen3.example.org: HTTP 503 in 0 ms |',
        ''
      ].join('\n')
    ])
  })

  it('says why the probe got no answer', async () => {
    commons('running', { State: 'healthy' })
    jest.spyOn(globalThis, 'fetch').mockRejectedValue(
      Object.assign(new TypeError('fetch failed'), {
        cause: new Error('getaddrinfo ENOTFOUND gen3.example.org')
      })
    )
    const { context, reporter } = world({ command: 'status' })

    await status(context)

    expect(reporter.at('info')).toContain(
      'HTTPS: https://gen3.example.org: no answer after 0 ms (fetch failed: getaddrinfo ENOTFOUND gen3.example.org)'
    )
  })

  it('succeeds with a notice when nothing is deployed', async () => {
    cloudFormation.on(DescribeStacksCommand).rejects(missingStack())
    const fetch = jest.spyOn(globalThis, 'fetch')
    const { context, reporter } = world({ command: 'status' })

    await status(context)

    expect(reporter.at('notice')).toEqual([
      "Stack 'gen3-poc' does not exist in ap-southeast-2: nothing is deployed. Run deploy to create it."
    ])
    expect(reporter.outputs).toEqual({
      status: JSON.stringify({
        stackName: 'gen3-poc',
        region: 'ap-southeast-2',
        stack: {
          status: 'NOT_FOUND',
          reason: null,
          hibernated: null,
          natGatewayRemoved: null,
          terminationProtection: null
        },
        url: null,
        instance: null,
        targets: [],
        probe: null
      }),
      'stack-status': 'NOT_FOUND',
      'instance-state': '',
      url: ''
    })
    expect(fetch).not.toHaveBeenCalled()
  })

  it('makes only calls the status policy allows', async () => {
    commons('running', { State: 'healthy' })
    answers(200)
    const { context } = world({ command: 'status' })

    await status(context)

    const allowed = policyActions('status')
    const sent = sentActions({
      cloudformation: cloudFormation,
      ec2,
      elasticloadbalancing: elbv2
    })
    expect(sent.sort()).toEqual([
      'cloudformation:DescribeStacks',
      'ec2:DescribeInstances',
      'elasticloadbalancing:DescribeTargetHealth'
    ])
    expect(sent.filter((action) => !allowed.has(action))).toEqual([])
  })
})
