import type {
  CloudFormationClientResolvedConfig,
  ServiceInputTypes,
  ServiceOutputTypes,
  Stack,
  StackEvent
} from '@aws-sdk/client-cloudformation'
import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand
} from '@aws-sdk/client-cloudformation'
import type { Instance } from '@aws-sdk/client-ec2'
import { EC2ServiceException } from '@aws-sdk/client-ec2'
import type { AwsStub } from 'aws-sdk-client-mock'

import { AwsClients } from '../../src/aws/clients.js'
import type { InstanceView } from '../../src/instance/instance.js'
import type { Context } from '../../src/commands/context.js'
import { readDeclarations } from '../../src/inputs/declarations.js'
import { readInputs } from '../../src/inputs/read.js'
import { Deadline } from '../../src/wait/clock.js'
import { FakeClock } from '../fixtures/clock.js'
import { RecordingReporter } from '../fixtures/reporter.js'
import { change } from '../stack/fixtures.js'

/** The commons every lifecycle test talks about. */
export const region = 'ap-southeast-2'
export const stackName = 'gen3-poc'
export const instanceId = 'i-0123456789abcdef0'
export const url = 'https://gen3.example.org'
export const targetGroupArn =
  'arn:aws:elasticloadbalancing:ap-southeast-2:123456789012:targetgroup/gen3-poc/0123456789abcdef'
export const stackId =
  'arn:aws:cloudformation:ap-southeast-2:123456789012:stack/gen3-poc/11111111-2222-3333-4444-555555555555'

/** FakeClock's start: 2026-12-03T12:00:00Z. */
export const noon = Date.UTC(2026, 11, 3, 12, 0, 0)
export const minutes = (count: number) => count * 60_000

export interface InstanceShape {
  state?: string
  launchedAt?: number
  configured?: boolean
  reason?: { code: string; message: string }
  tags?: Record<string, string>
}

/** A DescribeInstances answer for the one instance. */
export function described(shape: InstanceShape = {}) {
  const instance: Instance = {
    InstanceId: instanceId,
    InstanceType: 'm5.2xlarge',
    State: { Name: (shape.state ?? 'running') as never },
    LaunchTime: new Date(shape.launchedAt ?? noon - minutes(60)),
    HibernationOptions: { Configured: shape.configured ?? true },
    Tags: Object.entries(shape.tags ?? {}).map(([Key, Value]) => ({
      Key,
      Value
    })),
    ...(shape.reason && {
      StateReason: { Code: shape.reason.code, Message: shape.reason.message }
    })
  }
  return { Reservations: [{ Instances: [instance] }] }
}

/** The same instance as the lifecycle code sees it, without an AWS call. */
export function viewOf(shape: InstanceShape = {}): InstanceView {
  return {
    id: instanceId,
    state: shape.state ?? 'running',
    instanceType: 'm5.2xlarge',
    launchTime: new Date(shape.launchedAt ?? noon - minutes(60)),
    hibernationConfigured: shape.configured ?? true,
    stateReason: shape.reason,
    tags: shape.tags ?? {}
  }
}

export const hibernatedReason = {
  code: 'Client.UserInitiatedHibernate',
  message: 'Client.UserInitiatedHibernate: User initiated hibernate'
}
export const stoppedReason = {
  code: 'Client.UserInitiatedShutdown',
  message: 'Client.UserInitiatedShutdown: User initiated shutdown'
}

export interface StackShape {
  status?: string
  hibernated?: string | undefined
  /** Absent unless given: a stack in the centre's own VPC. */
  natGatewayRemoved?: string | undefined
}

/** A DescribeStacks answer for the commons' stack. */
export function stack(shape: StackShape = {}): { Stacks: Stack[] } {
  const hibernated =
    'hibernated' in shape ? shape.hibernated : ('false' as string | undefined)
  const parameters = [
    { ParameterKey: 'Domain', ParameterValue: 'gen3.example.org' },
    { ParameterKey: 'InstanceType', ParameterValue: 'm5.2xlarge' },
    ...(hibernated === undefined
      ? []
      : [{ ParameterKey: 'Hibernated', ParameterValue: hibernated }]),
    ...(shape.natGatewayRemoved === undefined
      ? []
      : [
          {
            ParameterKey: 'NatGatewayRemoved',
            ParameterValue: shape.natGatewayRemoved
          }
        ])
  ]
  const outputs = {
    Url: url,
    InstanceId: instanceId,
    LoadBalancerDnsName: 'gen3-poc-123.ap-southeast-2.elb.amazonaws.com',
    TargetGroupArn: targetGroupArn,
    HttpsListenerArn: 'arn:aws:elasticloadbalancing:listener/https',
    HttpListenerArn: 'arn:aws:elasticloadbalancing:listener/http',
    LoadBalancerSecurityGroupId: 'sg-0aaaaaaaaaaaaaaaa',
    InstanceSecurityGroupId: 'sg-0bbbbbbbbbbbbbbbb'
  }
  return {
    Stacks: [
      {
        StackName: stackName,
        StackId: stackId,
        CreationTime: new Date(noon - minutes(600)),
        StackStatus: (shape.status ?? 'UPDATE_COMPLETE') as never,
        Capabilities: ['CAPABILITY_IAM'],
        Parameters: parameters,
        Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({
          OutputKey,
          OutputValue
        }))
      }
    ]
  }
}

type CloudFormationStub = AwsStub<
  ServiceInputTypes,
  ServiceOutputTypes,
  CloudFormationClientResolvedConfig
>

/** The switches of the commons' stack: undefined leaves one out. */
export interface Switches {
  Hibernated: string | undefined
  NatGatewayRemoved?: string | undefined
}

/** The resources each switch brings or takes away, as a change set shows them. */
function changesFor(parameter: string, value: string | undefined) {
  const action = value === 'true' ? 'Add' : 'Remove'
  if (parameter === 'NatGatewayRemoved') {
    return [
      change(
        'NatGateway',
        'AWS::EC2::NatGateway',
        value === 'true' ? 'Remove' : 'Add'
      ),
      change('PrivateRoute', 'AWS::EC2::Route', 'Modify', 'False', [
        {
          name: 'NatGatewayId',
          recreation: 'Never',
          source: 'ParameterReference',
          causedBy: parameter
        },
        {
          name: 'GatewayId',
          recreation: 'Never',
          source: 'ParameterReference',
          causedBy: parameter
        }
      ])
    ]
  }
  return ['SleepPageJsonAccept', 'SleepPageHtml'].map((rule) =>
    change(rule, 'AWS::ElasticLoadBalancingV2::ListenerRule', action)
  )
}

/**
 * The commons' stack as CloudFormation would keep it: DescribeStacks shows
 * the switch values it has, a change set asking for another value shows the
 * resources it adds or removes, and executing it moves the stack through
 * UPDATE_IN_PROGRESS to UPDATE_COMPLETE with the new value. Returns the
 * values the change sets asked for, in order, for one switch.
 */
export function stackOfChangeSets(
  cloudFormation: CloudFormationStub,
  hibernated: string | undefined,
  natGatewayRemoved?: string
): { asked: (parameter?: keyof Switches) => (string | undefined)[] } {
  const values: Switches = {
    Hibernated: hibernated,
    ...(natGatewayRemoved !== undefined && {
      NatGatewayRemoved: natGatewayRemoved
    })
  }
  let proposed: Partial<Switches> = {}
  let executing = false
  const asked: Partial<Switches>[] = []
  const read = (status?: string) =>
    stack({
      ...(status && { status }),
      hibernated: values.Hibernated,
      natGatewayRemoved: values.NatGatewayRemoved
    })

  cloudFormation.on(DescribeStacksCommand).callsFake(() => {
    if (!executing) return read()
    executing = false
    Object.assign(values, proposed)
    return read('UPDATE_IN_PROGRESS')
  })
  cloudFormation.on(CreateChangeSetCommand).callsFake((input) => {
    proposed = Object.fromEntries(
      ((input as CreateChangeSetInput).Parameters ?? [])
        .filter((parameter) => parameter.ParameterValue !== undefined)
        .map((parameter) => [parameter.ParameterKey, parameter.ParameterValue])
    )
    asked.push(proposed)
    return { Id: changeSetArn, StackId: stackId }
  })
  cloudFormation.on(DescribeChangeSetCommand).callsFake(() => {
    const changed = Object.entries(proposed).filter(
      ([key, value]) => values[key as keyof Switches] !== value
    )
    if (changed.length === 0) {
      return {
        Status: 'FAILED',
        StatusReason:
          "The submitted information didn't contain changes. Submit different information to create a change set."
      }
    }
    return {
      Status: 'CREATE_COMPLETE',
      ExecutionStatus: 'AVAILABLE',
      Changes: changed.flatMap(([key, value]) => changesFor(key, value))
    }
  })
  cloudFormation.on(ExecuteChangeSetCommand).callsFake(() => {
    executing = true
    return {}
  })
  cloudFormation.on(DeleteChangeSetCommand).resolves({})
  cloudFormation.on(DescribeStackEventsCommand).resolves({ StackEvents: [] })
  return {
    asked: (parameter = 'Hibernated') =>
      asked
        .filter((values) => parameter in values)
        .map((values) => values[parameter])
  }
}

type CreateChangeSetInput = CreateChangeSetCommand['input']

const changeSetArn = `arn:aws:cloudformation:${region}:123456789012:changeSet/gen3-poc-hibernate/1`

/** A stack event of the update a given request token started. */
export function stackEvent(
  token: string,
  resource: string,
  status: string,
  reason?: string
): StackEvent {
  return {
    StackId: stackId,
    StackName: stackName,
    EventId: `${resource}-${status}`,
    Timestamp: new Date(noon),
    LogicalResourceId: resource,
    ResourceType:
      resource === stackName
        ? 'AWS::CloudFormation::Stack'
        : resource === 'NatGateway'
          ? 'AWS::EC2::NatGateway'
          : 'AWS::ElasticLoadBalancingV2::ListenerRule',
    ResourceStatus: status as never,
    ClientRequestToken: token,
    ...(reason && { ResourceStatusReason: reason })
  }
}

/** An error as the EC2 client throws it for an API error code. */
export function ec2Error(code: string, message: string): EC2ServiceException {
  return new EC2ServiceException({
    name: code,
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    message
  })
}

/** An error as the CloudFormation client throws it. */
export function validationError(message: string): Error {
  return Object.assign(new Error(message), { name: 'ValidationError' })
}

const declarations = readDeclarations(
  new URL('../../action.yml', import.meta.url)
).inputs

/** A command's context with the given inputs, a fake clock and a recorder. */
export function contextFor(
  command: 'hibernate' | 'resume',
  given: Record<string, string> = {},
  env: NodeJS.ProcessEnv = {}
) {
  const clock = new FakeClock(noon)
  const reporter = new RecordingReporter()
  const values: Record<string, string> = {
    command,
    'stack-name': stackName,
    region,
    ...given
  }
  const inputs = readInputs((name) => values[name], declarations, reporter)
  const clients = new AwsClients(region)
  const context: Context = {
    inputs,
    reporter,
    env,
    clock,
    aws: () => clients
  }
  return { context, clock, reporter }
}

/** A deadline and a recorder for the tests of one piece. */
export function budget(minutesAllowed = 10) {
  const clock = new FakeClock(noon)
  return {
    clock,
    deadline: Deadline.ofMinutes(clock, minutesAllowed),
    reporter: new RecordingReporter()
  }
}
