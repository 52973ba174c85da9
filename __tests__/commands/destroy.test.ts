import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  CloudFormationClient,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  UpdateTerminationProtectionCommand
} from '@aws-sdk/client-cloudformation'
import {
  DeleteParametersCommand,
  GetParametersByPathCommand,
  SSMClient
} from '@aws-sdk/client-ssm'
import { mockClient } from 'aws-sdk-client-mock'

import { destroy } from '../../src/commands/destroy.js'
import { InputError } from '../../src/errors.js'
import { parameterPath } from '../../src/stack/parameter-path.js'
import { policyActions } from '../stack/policy-documents.js'
import {
  event,
  eventPages,
  missingStack,
  sentActions,
  stack,
  stackEvent,
  stackId,
  stackName,
  world
} from '../stack/fixtures.js'

const cloudFormation = mockClient(CloudFormationClient)
const ssm = mockClient(SSMClient)
const actionsSent = new Set<string>()

const names = Array.from(
  { length: 12 },
  (_, index) => `/gen3-poc/gen3-poc/config/file-${index + 1}`
)

function storedParameters() {
  ssm
    .on(GetParametersByPathCommand)
    .resolvesOnce({
      Parameters: names.slice(0, 10).map((Name) => ({ Name })),
      NextToken: 'more'
    })
    .resolves({ Parameters: names.slice(10).map((Name) => ({ Name })) })
  ssm.on(DeleteParametersCommand).callsFake((input: { Names: string[] }) => ({
    DeletedParameters: input.Names,
    InvalidParameters: []
  }))
}

function deletable(final: 'DELETE_COMPLETE' | 'DELETE_FAILED') {
  cloudFormation.on(DescribeStacksCommand, { StackName: stackName }).resolves({
    Stacks: [stack('UPDATE_COMPLETE', { EnableTerminationProtection: true })]
  })
  cloudFormation
    .on(DescribeStacksCommand, { StackName: stackId })
    .resolvesOnce({ Stacks: [stack('DELETE_IN_PROGRESS')] })
    .resolves({
      Stacks: [
        stack(final, {
          ...(final === 'DELETE_FAILED'
            ? {
                StackStatusReason:
                  'The following resource(s) failed to delete: [PublicSubnetA, Vpc].'
              }
            : {})
        })
      ]
    })
  cloudFormation.on(UpdateTerminationProtectionCommand).resolves({})
  cloudFormation.on(DeleteStackCommand).resolves({})
  const failures =
    final === 'DELETE_FAILED'
      ? [
          event(
            'd-3',
            'PublicSubnetA',
            'AWS::EC2::Subnet',
            'DELETE_FAILED',
            40,
            "The subnet 'subnet-0abc' has dependencies and cannot be deleted."
          ),
          event('d-4', 'Vpc', 'AWS::EC2::VPC', 'DELETE_IN_PROGRESS', 41),
          event(
            'd-5',
            'Vpc',
            'AWS::EC2::VPC',
            'DELETE_FAILED',
            45,
            "The vpc 'vpc-0abc' has dependencies and cannot be deleted."
          ),
          stackEvent('d-6', 'DELETE_FAILED', 46)
        ]
      : [stackEvent('d-3', 'DELETE_COMPLETE', 90)]
  const pages = eventPages(
    [stackEvent('old', 'UPDATE_COMPLETE', -100)],
    [
      stackEvent('d-1', 'DELETE_IN_PROGRESS', 0, 'User Initiated'),
      event('d-2', 'Instance', 'AWS::EC2::Instance', 'DELETE_COMPLETE', 30)
    ],
    failures
  )
  cloudFormation
    .on(DescribeStackEventsCommand)
    .resolvesOnce(pages[0]!)
    .resolvesOnce(pages[1]!)
    .resolves(pages[2]!)
}

beforeEach(() => {
  cloudFormation.reset()
  ssm.reset()
})

afterEach(() => {
  for (const call of sentActions({ cloudformation: cloudFormation, ssm })) {
    actionsSent.add(call)
  }
})

describe('destroy without confirmation', () => {
  it('fails naming confirm, its value and what it must be, before any AWS call', async () => {
    const { context } = world({ command: 'destroy' })

    const destroying = destroy(context)

    await expect(destroying).rejects.toThrow(InputError)
    await expect(destroying).rejects.toThrow(
      "input 'confirm' is empty: expected the stack name 'gen3-poc', to confirm that the stack and everything in it (the instance and the commons' database) are to be deleted"
    )
    expect(cloudFormation.calls()).toHaveLength(0)
    expect(ssm.calls()).toHaveLength(0)
  })

  it('fails when confirm names another stack', async () => {
    const { context } = world({ command: 'destroy', confirm: 'gen3-poc-old' })

    await expect(destroy(context)).rejects.toThrow(
      "input 'confirm' is \"gen3-poc-old\": expected the stack name 'gen3-poc',"
    )
    expect(cloudFormation.calls()).toHaveLength(0)
  })
})

describe('destroy with confirmation', () => {
  it('lifts termination protection, deletes the stack and waits for DELETE_COMPLETE', async () => {
    deletable('DELETE_COMPLETE')
    storedParameters()
    const { context, reporter } = world({
      command: 'destroy',
      confirm: 'gen3-poc'
    })

    await destroy(context)

    expect(
      cloudFormation.commandCalls(UpdateTerminationProtectionCommand)[0]
        ?.args[0].input
    ).toEqual({ StackName: 'gen3-poc', EnableTerminationProtection: false })
    expect(
      cloudFormation.commandCalls(DeleteStackCommand)[0]?.args[0].input
    ).toEqual({ StackName: stackId })
    expect(reporter.at('info').slice(0, 6)).toEqual([
      "Lifted termination protection from stack 'gen3-poc'",
      "Deleting stack 'gen3-poc'",
      '[0 s] gen3-poc (AWS::CloudFormation::Stack) DELETE_IN_PROGRESS: User Initiated',
      '[30 s] Instance (AWS::EC2::Instance) DELETE_COMPLETE',
      '[90 s] gen3-poc (AWS::CloudFormation::Stack) DELETE_COMPLETE',
      "Stack 'gen3-poc' is DELETE_COMPLETE after 2 s"
    ])
    expect(reporter.outputs).toEqual({ 'stack-status': 'DELETE_COMPLETE' })
  })

  it('removes the SSM parameters under the stack path, ten at a time', async () => {
    deletable('DELETE_COMPLETE')
    storedParameters()
    const { context, reporter } = world({
      command: 'destroy',
      confirm: 'gen3-poc'
    })

    await destroy(context)

    expect(
      ssm
        .commandCalls(GetParametersByPathCommand)
        .map((call) => call.args[0].input)
    ).toEqual([
      { Path: '/gen3-poc/gen3-poc', Recursive: true, MaxResults: 10 },
      {
        Path: '/gen3-poc/gen3-poc',
        Recursive: true,
        MaxResults: 10,
        NextToken: 'more'
      }
    ])
    expect(
      ssm
        .commandCalls(DeleteParametersCommand)
        .map((call) => call.args[0].input.Names)
    ).toEqual([names.slice(0, 10), names.slice(10)])
    expect(reporter.at('info')).toContain(
      'Deleted SSM parameter /gen3-poc/gen3-poc/config/file-12'
    )
    expect(reporter.summaries).toEqual([
      '### Stack `gen3-poc` destroyed (ap-southeast-2)\n\nDeleted after 2 s; 12 SSM parameters removed from `/gen3-poc/gen3-poc/`.\n'
    ])
  })

  it('reports every resource left in DELETE_FAILED with its reason, keeping the parameters', async () => {
    deletable('DELETE_FAILED')
    storedParameters()
    const { context, reporter } = world({
      command: 'destroy',
      confirm: 'gen3-poc'
    })

    await expect(destroy(context)).rejects.toThrow(
      "Stack 'gen3-poc' is DELETE_FAILED. 2 resources could not be deleted:\n" +
        "  - PublicSubnetA (AWS::EC2::Subnet): The subnet 'subnet-0abc' has dependencies and cannot be deleted.\n" +
        "  - Vpc (AWS::EC2::VPC): The vpc 'vpc-0abc' has dependencies and cannot be deleted.\n" +
        'Remove what keeps them (or delete them in the console), then run destroy again.'
    )
    expect(ssm.calls()).toHaveLength(0)
    expect(reporter.summaries.at(-1)).toMatch(
      /The SSM parameters under `\/gen3-poc\/gen3-poc\/` were kept\.\n$/
    )
  })

  it('succeeds with a notice when there is no stack, and still removes the parameters', async () => {
    cloudFormation.on(DescribeStacksCommand).rejects(missingStack())
    storedParameters()
    const { context, reporter } = world({
      command: 'destroy',
      confirm: 'gen3-poc'
    })

    await destroy(context)

    expect(reporter.at('notice')).toEqual([
      "Stack 'gen3-poc' does not exist in ap-southeast-2: there is no stack to delete."
    ])
    expect(cloudFormation.commandCalls(DeleteStackCommand)).toHaveLength(0)
    expect(ssm.commandCalls(DeleteParametersCommand)).toHaveLength(2)
    expect(reporter.outputs).toEqual({ 'stack-status': 'NOT_FOUND' })
  })
})

describe('destroy of a stack that is busy', () => {
  it('waits for the operation in progress, then deletes', async () => {
    cloudFormation
      .on(DescribeStacksCommand, { StackName: stackName })
      .resolves({ Stacks: [stack('UPDATE_IN_PROGRESS')] })
    cloudFormation
      .on(DescribeStacksCommand, { StackName: stackId })
      .resolvesOnce({ Stacks: [stack('UPDATE_COMPLETE')] })
      .resolvesOnce({ Stacks: [stack('DELETE_IN_PROGRESS')] })
      .resolves({ Stacks: [stack('DELETE_COMPLETE')] })
    cloudFormation.on(DeleteStackCommand).resolves({})
    cloudFormation
      .on(DescribeStackEventsCommand)
      .resolves({ StackEvents: [stackEvent('x', 'UPDATE_IN_PROGRESS', 0)] })
    ssm.on(GetParametersByPathCommand).resolves({ Parameters: [] })
    const { context, reporter } = world({
      command: 'destroy',
      confirm: 'gen3-poc'
    })

    await destroy(context)

    expect(reporter.at('info')[0]).toBe(
      "Stack 'gen3-poc' is UPDATE_IN_PROGRESS: waiting for that operation to finish first"
    )
    expect(cloudFormation.commandCalls(DeleteStackCommand)).toHaveLength(1)
    expect(
      cloudFormation.commandCalls(UpdateTerminationProtectionCommand)
    ).toHaveLength(0)
    expect(reporter.at('info')).toContain(
      'No SSM parameters under /gen3-poc/gen3-poc/'
    )
  })
})

describe('the SSM parameter path', () => {
  it('is the stack name under /gen3-poc/', () => {
    expect(parameterPath('centre-poc')).toBe('/gen3-poc/centre-poc/')
  })
})

describe('the calls all these destroys made', () => {
  it('are each allowed by the destroy policy', () => {
    const allowed = policyActions('destroy')

    expect([...actionsSent].sort()).toEqual([
      'cloudformation:DeleteStack',
      'cloudformation:DescribeStackEvents',
      'cloudformation:DescribeStacks',
      'cloudformation:UpdateTerminationProtection',
      'ssm:DeleteParameters',
      'ssm:GetParametersByPath'
    ])
    expect([...actionsSent].filter((action) => !allowed.has(action))).toEqual(
      []
    )
  })
})
