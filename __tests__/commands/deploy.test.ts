import { readFileSync } from 'node:fs'

import { beforeEach, describe, expect, it, jest } from '@jest/globals'
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  UpdateTerminationProtectionCommand
} from '@aws-sdk/client-cloudformation'
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm'
import { mockClient } from 'aws-sdk-client-mock'

import type { Context } from '../../src/commands/context.js'
import type {
  ProvisionReport,
  provisionInstance as ProvisionInstance
} from '../../src/compose/provision.js'
import type { Inputs } from '../../src/inputs/schema.js'
import type { Commons } from '../../src/stack/commons.js'
import type { Deadline } from '../../src/wait/clock.js'
import {
  change,
  changeSetId,
  commonsOutputs,
  deployedParameters,
  eventPages,
  missingStack,
  outputs,
  stack,
  stackEvent,
  stackId,
  stackName,
  synthesis,
  world
} from '../stack/fixtures.js'

const synthesise = jest.fn((_inputs: Inputs) => synthesis)
jest.unstable_mockModule('../../src/template/synthesise.js', () => ({
  synthesise
}))
// Installing compose-services has its own tests; here only when and with what.
const provisionInstance = jest.fn<typeof ProvisionInstance>(
  (_context: Context, _commons: Commons, _deadline?: Deadline) =>
    Promise.resolve({} as ProvisionReport)
)
jest.unstable_mockModule('../../src/compose/provision.js', () => ({
  provisionInstance
}))
const { deploy } = await import('../../src/commands/deploy.js')

const cloudFormation = mockClient(CloudFormationClient)
const ssm = mockClient(SSMClient)

function firstCreate(
  final = 'CREATE_COMPLETE',
  parameters = deployedParameters
) {
  cloudFormation
    .on(DescribeStacksCommand, { StackName: stackName })
    .rejects(missingStack())
  ssm
    .on(GetParameterCommand)
    .resolves({ Parameter: { Value: 'ami-0123456789abcdef0' } })
  cloudFormation
    .on(CreateChangeSetCommand)
    .resolves({ Id: changeSetId('gen3-poc-deploy-4242-1'), StackId: stackId })
  cloudFormation.on(DescribeChangeSetCommand).resolves({
    Status: 'CREATE_COMPLETE',
    ExecutionStatus: 'AVAILABLE',
    Changes: [change('Instance', 'AWS::EC2::Instance', 'Add')]
  })
  cloudFormation.on(ExecuteChangeSetCommand).resolves({})
  cloudFormation.on(UpdateTerminationProtectionCommand).resolves({})
  cloudFormation
    .on(DescribeStacksCommand, { StackName: stackId })
    .resolvesOnce({ Stacks: [stack('CREATE_IN_PROGRESS')] })
    .resolves({
      Stacks: [
        stack(final, { Outputs: commonsOutputs, Parameters: parameters })
      ]
    })
  cloudFormation
    .on(DescribeStackEventsCommand)
    .resolves(eventPages([stackEvent('e-0', 'REVIEW_IN_PROGRESS', 0)])[0]!)
}

function output(key: string): string {
  return commonsOutputs.find((entry) => entry.OutputKey === key)!.OutputValue
}

beforeEach(() => {
  cloudFormation.reset()
  ssm.reset()
  synthesise.mockClear()
  provisionInstance.mockClear()
})

describe('the deploy command', () => {
  it('synthesises from the inputs and writes the template to template-file', async () => {
    firstCreate()
    const { context, reporter } = world()

    await deploy(context)

    expect(synthesise).toHaveBeenCalledWith(context.inputs)
    expect(readFileSync(context.inputs.templateFile, 'utf8')).toBe(
      synthesis.body
    )
    expect(reporter.outputs['template-file']).toBe(context.inputs.templateFile)
  })

  it('turns the stack outputs into action outputs', async () => {
    firstCreate()
    const { context, reporter } = world()

    await deploy(context)

    expect(reporter.outputs).toEqual({
      'template-file': context.inputs.templateFile,
      url: 'https://gen3.example.org',
      'instance-id': 'i-0123456789abcdef0',
      'stack-status': 'CREATE_COMPLETE',
      changed: 'true'
    })
  })

  it('ends the job summary with what happened and the outputs', async () => {
    firstCreate()
    const { context, reporter } = world()

    await deploy(context)

    expect(reporter.summaries.at(-1)).toBe(
      [
        '### Stack `gen3-poc` created (ap-southeast-2)',
        '',
        'CREATE_COMPLETE after 2 s; 1 resource change.',
        '',
        '| | |',
        '| --- | --- |',
        `| HttpListenerArn | ${output('HttpListenerArn')} |`,
        `| HttpsListenerArn | ${output('HttpsListenerArn')} |`,
        '| InstanceId | i-0123456789abcdef0 |',
        '| InstanceSecurityGroupId | sg-0bbbbbbbbbbbbbbbb |',
        `| LoadBalancerDnsName | ${output('LoadBalancerDnsName')} |`,
        '| LoadBalancerSecurityGroupId | sg-0aaaaaaaaaaaaaaaa |',
        `| TargetGroupArn | ${output('TargetGroupArn')} |`,
        '| Url | https://gen3.example.org |',
        '',
        ''
      ].join('\n')
    )
  })

  it('puts a failure and its root cause in the job summary too', async () => {
    firstCreate('ROLLBACK_COMPLETE')
    const { context, reporter } = world()

    await expect(deploy(context)).rejects.toThrow(
      "Stack 'gen3-poc' ended ROLLBACK_COMPLETE."
    )
    expect(reporter.summaries.at(-1)).toMatch(
      /^### Deploy of `gen3-poc` failed\n\nStack 'gen3-poc' ended ROLLBACK_COMPLETE\. Root cause: CloudFormation gave no reason\./
    )
    expect(reporter.outputs.changed).toBeUndefined()
  })

  it('says changed=false when there was nothing to change', async () => {
    cloudFormation.on(DescribeStacksCommand).resolves({
      Stacks: [
        stack('UPDATE_COMPLETE', {
          Outputs: commonsOutputs,
          Parameters: deployedParameters,
          EnableTerminationProtection: true
        })
      ]
    })
    cloudFormation
      .on(CreateChangeSetCommand)
      .resolves({ Id: changeSetId('gen3-poc-deploy-4242-1'), StackId: stackId })
    cloudFormation.on(DescribeChangeSetCommand).resolves({
      Status: 'FAILED',
      StatusReason: 'No updates are to be performed.'
    })
    const { context, reporter } = world()

    await deploy(context)

    expect(reporter.outputs.changed).toBe('false')
    expect(reporter.outputs['stack-status']).toBe('UPDATE_COMPLETE')
    expect(reporter.summaries.at(-1)).toMatch(
      /^### Stack `gen3-poc` already up to date \(ap-southeast-2\)/
    )
  })
})

describe('installing compose-services after the stack', () => {
  it("installs on the stack's instance once the stack is ready, within the same budget", async () => {
    firstCreate()
    const { context, reporter, clock } = world()
    const seen: string[] = []
    provisionInstance.mockImplementationOnce((_context, _commons, deadline) => {
      seen.push(reporter.outputs['stack-status'] ?? 'no stack-status yet')
      clock.advance(30_000)
      seen.push(
        `${deadline?.elapsedSeconds()} s of ${deadline?.budgetMilliseconds} ms`
      )
      return Promise.resolve({} as ProvisionReport)
    })

    await deploy(context)

    expect(provisionInstance).toHaveBeenCalledTimes(1)
    const [given, commons] = provisionInstance.mock.calls[0]!
    expect(given).toBe(context)
    expect(commons).toEqual({
      stackName: 'gen3-poc',
      stackStatus: 'CREATE_COMPLETE',
      parameters: {
        ImageId: 'ami-0aaaaaaaaaaaaaaaa',
        Hibernated: 'false',
        InstanceType: 'm5.2xlarge'
      },
      outputs: {
        url: 'https://gen3.example.org',
        instanceId: 'i-0123456789abcdef0',
        loadBalancerDnsName: output('LoadBalancerDnsName'),
        targetGroupArn: output('TargetGroupArn'),
        httpsListenerArn: output('HttpsListenerArn'),
        httpListenerArn: output('HttpListenerArn'),
        loadBalancerSecurityGroupId: 'sg-0aaaaaaaaaaaaaaaa',
        instanceSecurityGroupId: 'sg-0bbbbbbbbbbbbbbbb'
      }
    })
    expect(seen).toEqual(['CREATE_COMPLETE', '32 s of 3600000 ms'])
  })

  it('installs again when the stack had nothing to change, so the configuration still arrives', async () => {
    cloudFormation.on(DescribeStacksCommand).resolves({
      Stacks: [
        stack('UPDATE_COMPLETE', {
          Outputs: commonsOutputs,
          Parameters: deployedParameters,
          EnableTerminationProtection: true
        })
      ]
    })
    cloudFormation
      .on(CreateChangeSetCommand)
      .resolves({ Id: changeSetId('gen3-poc-deploy-4242-1'), StackId: stackId })
    cloudFormation.on(DescribeChangeSetCommand).resolves({
      Status: 'FAILED',
      StatusReason: "The submitted information didn't contain changes."
    })
    const { context } = world()

    await deploy(context)

    expect(provisionInstance).toHaveBeenCalledTimes(1)
    expect(provisionInstance.mock.calls[0]![1].stackStatus).toBe(
      'UPDATE_COMPLETE'
    )
  })

  it('keeps the stack outputs when the installation fails, and puts its error in the summary', async () => {
    firstCreate()
    provisionInstance.mockRejectedValueOnce(
      new Error('provision.sh failed on i-0123456789abcdef0 with exit code 1')
    )
    const { context, reporter } = world()

    await expect(deploy(context)).rejects.toThrow(
      'provision.sh failed on i-0123456789abcdef0 with exit code 1'
    )
    expect(reporter.outputs).toMatchObject({
      url: 'https://gen3.example.org',
      'instance-id': 'i-0123456789abcdef0',
      'stack-status': 'CREATE_COMPLETE',
      changed: 'true'
    })
    expect(reporter.summaries.at(-1)).toBe(
      '### Deploy of `gen3-poc` failed\n\nprovision.sh failed on i-0123456789abcdef0 with exit code 1\n'
    )
  })

  it('stops before a hibernated instance, with the stack outputs kept and what to do', async () => {
    firstCreate('CREATE_COMPLETE', [
      { ParameterKey: 'ImageId', ParameterValue: 'ami-0aaaaaaaaaaaaaaaa' },
      { ParameterKey: 'Hibernated', ParameterValue: 'true' }
    ])
    const { context, reporter } = world()

    await expect(deploy(context)).rejects.toThrow(
      "Stack 'gen3-poc' is hibernated, so compose-services and the configuration were not installed on its instance: run resume, then deploy again."
    )
    expect(provisionInstance).not.toHaveBeenCalled()
    expect(reporter.outputs['stack-status']).toBe('CREATE_COMPLETE')
    expect(reporter.summaries.at(-1)).toMatch(
      /^### Deploy of `gen3-poc` failed\n\nStack 'gen3-poc' is hibernated/
    )
  })

  it('fails naming the outputs a stack without them lacks', async () => {
    cloudFormation.on(DescribeStacksCommand).resolves({
      Stacks: [
        stack('UPDATE_COMPLETE', {
          Outputs: outputs,
          Parameters: deployedParameters,
          EnableTerminationProtection: true
        })
      ]
    })
    cloudFormation
      .on(CreateChangeSetCommand)
      .resolves({ Id: changeSetId('gen3-poc-deploy-4242-1'), StackId: stackId })
    cloudFormation.on(DescribeChangeSetCommand).resolves({
      Status: 'FAILED',
      StatusReason: 'No updates are to be performed.'
    })
    const { context } = world()

    await expect(deploy(context)).rejects.toThrow(
      "The stack 'gen3-poc' is UPDATE_COMPLETE and has no LoadBalancerDnsName, HttpsListenerArn, HttpListenerArn, LoadBalancerSecurityGroupId, InstanceSecurityGroupId output yet: wait for deploy to finish, or run deploy again."
    )
    expect(provisionInstance).not.toHaveBeenCalled()
  })
})
