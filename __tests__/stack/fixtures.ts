import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import type { Change, Stack, StackEvent } from '@aws-sdk/client-cloudformation'
import { CloudFormationServiceException } from '@aws-sdk/client-cloudformation'

import { AwsClients } from '../../src/aws/clients.js'
import type { Context } from '../../src/commands/context.js'
import { readDeclarations } from '../../src/inputs/declarations.js'
import { readInputs } from '../../src/inputs/read.js'
import {
  type Synthesis,
  synthesise,
  type Template
} from '../../src/template/synthesise.js'
import { FakeClock } from '../fixtures/clock.js'
import { RecordingReporter } from '../fixtures/reporter.js'

const declarations = readDeclarations(
  new URL('../../action.yml', import.meta.url)
).inputs

export const region = 'ap-southeast-2'
export const stackName = 'gen3-poc'
export const stackId = `arn:aws:cloudformation:${region}:123456789012:stack/gen3-poc/11111111-2222-3333-4444-555555555555`
export const changeSetId = (name: string) =>
  `arn:aws:cloudformation:${region}:123456789012:changeSet/${name}/66666666-7777-8888-9999-000000000000`
export const amiParameter =
  '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64'

export interface TestWorld {
  context: Context
  reporter: RecordingReporter
  clock: FakeClock
  directory: string
}

/**
 * A command's context as a runner gives it: inputs read through action.yml,
 * a recording reporter, a fake clock and clients for the test region.
 */
export function world(
  given: Record<string, string> = {},
  env: NodeJS.ProcessEnv = { GITHUB_RUN_ID: '4242', GITHUB_RUN_ATTEMPT: '1' }
): TestWorld {
  const reporter = new RecordingReporter()
  const clock = new FakeClock()
  const directory = mkdtempSync(path.join(tmpdir(), 'gen3-poc-stack-'))
  const values: Record<string, string> = {
    command: 'deploy',
    region,
    domain: 'gen3.example.org',
    'hosted-zone-id': 'Z0123456789ABCDEFGHIJ',
    'template-file': path.join(directory, 'out', 'gen3-poc.template.json'),
    // A configuration deploy accepts: the example centre's.
    'config-dir': fileURLToPath(
      new URL('../../examples/centre/gen3/config', import.meta.url)
    ),
    ...given
  }
  const inputs = readInputs((name) => values[name], declarations, reporter)
  const clients = new AwsClients(region)
  return {
    context: { inputs, reporter, env, clock, aws: () => clients },
    reporter,
    clock,
    directory
  }
}

/** A small template with the parameters and resources deploy cares about. */
export const template: Template = {
  AWSTemplateFormatVersion: '2010-09-09',
  Description: 'A small commons for tests',
  Parameters: {
    ImageId: { Type: 'AWS::EC2::Image::Id', Description: 'The AMI' },
    Hibernated: {
      Type: 'String',
      AllowedValues: ['false', 'true'],
      Description: 'Whether the commons sleeps'
    },
    InstanceType: { Type: 'String', Description: 'The instance type' }
  },
  Resources: {
    InstanceRole: { Type: 'AWS::IAM::Role', Properties: {} },
    Instance: {
      Type: 'AWS::EC2::Instance',
      Properties: {
        ImageId: { Ref: 'ImageId' },
        InstanceType: { Ref: 'InstanceType' }
      }
    }
  },
  Outputs: {
    Url: { Value: 'https://gen3.example.org', Description: 'The commons' },
    InstanceId: { Value: { Ref: 'Instance' }, Description: 'The instance' }
  }
}

/** The real synthesis of the default inputs, carrying the small template. */
export const synthesis: Synthesis = {
  ...synthesise(world().context.inputs, {}),
  template,
  body: JSON.stringify(template),
  parameters: { InstanceType: 'm5.2xlarge' },
  imageParameterName: amiParameter
}

export const outputs = [
  { OutputKey: 'Url', OutputValue: 'https://gen3.example.org' },
  { OutputKey: 'InstanceId', OutputValue: 'i-0123456789abcdef0' },
  {
    OutputKey: 'TargetGroupArn',
    OutputValue: `arn:aws:elasticloadbalancing:${region}:123456789012:targetgroup/gen3/abc`
  }
]

/** Every output the template gives, as a finished stack has them. */
export const commonsOutputs = [
  ...outputs,
  {
    OutputKey: 'LoadBalancerDnsName',
    OutputValue: `gen3-poc-alb-123456789.${region}.elb.amazonaws.com`
  },
  {
    OutputKey: 'HttpsListenerArn',
    OutputValue: `arn:aws:elasticloadbalancing:${region}:123456789012:listener/app/gen3-poc/abc/443`
  },
  {
    OutputKey: 'HttpListenerArn',
    OutputValue: `arn:aws:elasticloadbalancing:${region}:123456789012:listener/app/gen3-poc/abc/80`
  },
  {
    OutputKey: 'LoadBalancerSecurityGroupId',
    OutputValue: 'sg-0aaaaaaaaaaaaaaaa'
  },
  { OutputKey: 'InstanceSecurityGroupId', OutputValue: 'sg-0bbbbbbbbbbbbbbbb' }
]

/** The stack as DescribeStacks returns it. */
export function stack(status: string, extra: Partial<Stack> = {}): Stack {
  return {
    StackName: stackName,
    StackId: stackId,
    StackStatus: status as Stack['StackStatus'],
    CreationTime: new Date(Date.UTC(2026, 10, 1)),
    ...extra
  }
}

export const deployedParameters = [
  { ParameterKey: 'ImageId', ParameterValue: 'ami-0aaaaaaaaaaaaaaaa' },
  { ParameterKey: 'Hibernated', ParameterValue: 'false' },
  { ParameterKey: 'InstanceType', ParameterValue: 'm5.2xlarge' }
]

/** What CloudFormation says of a stack that is not there. */
export function missingStack(name = stackName): Error {
  return new CloudFormationServiceException({
    name: 'ValidationError',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    message: `Stack with id ${name} does not exist`
  })
}

export function throttled(): Error {
  return new CloudFormationServiceException({
    name: 'Throttling',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    message: 'Rate exceeded'
  })
}

/** The time the tests' clock starts at, as AWS stamps events. */
export const start = Date.UTC(2026, 11, 3, 12, 0, 0)

/** A stack event `seconds` after the start. */
export function event(
  id: string,
  logicalId: string,
  type: string,
  status: string,
  seconds: number,
  reason?: string
): StackEvent {
  return {
    StackId: stackId,
    StackName: stackName,
    EventId: id,
    LogicalResourceId: logicalId,
    ResourceType: type,
    ResourceStatus: status as StackEvent['ResourceStatus'],
    Timestamp: new Date(start + seconds * 1000),
    ...(reason === undefined ? {} : { ResourceStatusReason: reason })
  }
}

/** A stack-level event (the stack itself). */
export function stackEvent(
  id: string,
  status: string,
  seconds: number,
  reason?: string
): StackEvent {
  return event(
    id,
    stackName,
    'AWS::CloudFormation::Stack',
    status,
    seconds,
    reason
  )
}

/** Pages of DescribeStackEvents as they grow: newest first, as AWS gives them. */
export function eventPages(...batches: StackEvent[][]) {
  const pages: { StackEvents: StackEvent[] }[] = []
  let all: StackEvent[] = []
  for (const batch of batches) {
    all = [...batch].reverse().concat(all)
    pages.push({ StackEvents: all })
  }
  return pages
}

/** A resource change in a change set. */
export function change(
  logicalId: string,
  type: string,
  action: 'Add' | 'Modify' | 'Remove',
  replacement?: 'True' | 'False' | 'Conditional',
  details: {
    name: string
    recreation: 'Never' | 'Conditionally' | 'Always'
    source?: string
    causedBy?: string
  }[] = []
): Change {
  return {
    Type: 'Resource',
    ResourceChange: {
      Action: action,
      LogicalResourceId: logicalId,
      ResourceType: type,
      ...(replacement === undefined ? {} : { Replacement: replacement }),
      Details: details.map((detail) => ({
        Target: {
          Attribute: 'Properties',
          Name: detail.name,
          RequiresRecreation: detail.recreation
        },
        Evaluation: 'Static',
        ChangeSource: (detail.source ??
          'DirectModification') as 'DirectModification',
        ...(detail.causedBy === undefined
          ? {}
          : { CausingEntity: detail.causedBy })
      }))
    }
  }
}

/** The IAM actions of every command a set of mocked clients received. */
export function sentActions(
  stubs: Record<string, { calls(): { args: unknown[] }[] }>
): string[] {
  return Object.entries(stubs).flatMap(([service, stub]) =>
    stub
      .calls()
      .map(
        (call) =>
          `${service}:${(call.args[0] as object).constructor.name.replace(/Command$/, '')}`
      )
  )
}
