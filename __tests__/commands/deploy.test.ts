import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

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
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2'
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm'
import { mockClient } from 'aws-sdk-client-mock'

import { ConfigurationError } from '../../src/compose/finding.js'
import type { Configuration } from '../../src/compose/configuration.js'
import type { Inputs } from '../../src/inputs/schema.js'
import type { StackDeployment } from '../../src/stack/deployment.js'
import type { WakeInstructions } from '../../src/template/sleep-page.js'
import {
  change,
  changeSetId,
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

const synthesise = jest.fn(
  (_inputs: Inputs, _wake?: WakeInstructions) => synthesis
)
jest.unstable_mockModule('../../src/template/synthesise.js', () => ({
  synthesise
}))
const provisionDeployed = jest.fn(
  (
    _context: unknown,
    _deployment: StackDeployment,
    _configuration: Configuration
  ) => Promise.resolve(undefined)
)
jest.unstable_mockModule('../../src/compose/provision.js', () => ({
  provisionDeployed
}))
const { deploy } = await import('../../src/commands/deploy.js')

const cloudFormation = mockClient(CloudFormationClient)
const ssm = mockClient(SSMClient)
const ec2 = mockClient(EC2Client)

function firstCreate(final = 'CREATE_COMPLETE') {
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
        stack(final, { Outputs: outputs, Parameters: deployedParameters })
      ]
    })
  cloudFormation
    .on(DescribeStackEventsCommand)
    .resolves(eventPages([stackEvent('e-0', 'REVIEW_IN_PROGRESS', 0)])[0]!)
}

beforeEach(() => {
  cloudFormation.reset()
  ssm.reset()
  ec2.reset()
  synthesise.mockClear()
  provisionDeployed.mockReset()
  provisionDeployed.mockResolvedValue(undefined)
})

/** A configuration folder beside the test's template, with these files. */
function configFolder(directory: string, files: Record<string, string>) {
  const folder = path.join(directory, 'config')
  mkdirSync(folder, { recursive: true })
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(path.join(folder, name), text)
  }
  return folder
}

describe('the deploy command', () => {
  it('synthesises from the inputs and writes the template to template-file', async () => {
    firstCreate()
    const { context, reporter } = world()

    await deploy(context)

    expect(synthesise).toHaveBeenCalledWith(context.inputs, {
      repository: undefined,
      serverUrl: undefined
    })
    expect(readFileSync(context.inputs.templateFile, 'utf8')).toBe(
      synthesis.body
    )
    expect(reporter.outputs['template-file']).toBe(context.inputs.templateFile)
  })

  it('names the repository of the run on the sleep page, as synth does', async () => {
    firstCreate()
    const { context } = world(
      {},
      {
        GITHUB_RUN_ID: '4242',
        GITHUB_RUN_ATTEMPT: '1',
        GITHUB_REPOSITORY: 'umccr/gen3-poc',
        GITHUB_SERVER_URL: 'https://github.example.edu'
      }
    )

    await deploy(context)

    expect(synthesise).toHaveBeenCalledWith(context.inputs, {
      repository: 'umccr/gen3-poc',
      serverUrl: 'https://github.example.edu'
    })
  })

  it('refuses a certificate-arn of another region before anything is written or called', async () => {
    const arn =
      'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789'
    const { context } = world({ 'certificate-arn': arn })

    await expect(deploy(context)).rejects.toThrow(
      `input 'certificate-arn' is "${arn}": expected a certificate in ap-southeast-2, where the stack goes: a load balancer only takes an ACM certificate of its own region, and this one is in us-east-1`
    )
    expect(existsSync(context.inputs.templateFile)).toBe(false)
    expect(synthesise).not.toHaveBeenCalled()
    expect(cloudFormation.calls()).toHaveLength(0)
  })

  it("refuses the centre's public subnets in one zone before anything is written or called", async () => {
    const subnets = {
      'vpc-id': 'vpc-0123456789abcdef0',
      'public-subnet-ids': 'subnet-0123456789abcdef0,subnet-0123456789abcdef1',
      'private-subnet-id': 'subnet-0123456789abcdef2'
    }
    ec2.on(DescribeSubnetsCommand).resolves({
      Subnets: [
        'subnet-0123456789abcdef0',
        'subnet-0123456789abcdef1',
        'subnet-0123456789abcdef2'
      ].map((SubnetId) => ({
        SubnetId,
        VpcId: 'vpc-0123456789abcdef0',
        AvailabilityZone: 'ap-southeast-2c'
      }))
    })
    const { context } = world(subnets)

    await expect(deploy(context)).rejects.toThrow(
      `input 'public-subnet-ids' is "subnet-0123456789abcdef0,subnet-0123456789abcdef1": expected public subnets in at least two availability zones, which an internet-facing load balancer needs; these are all in ap-southeast-2c`
    )
    expect(existsSync(context.inputs.templateFile)).toBe(false)
    expect(cloudFormation.calls()).toHaveLength(0)
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
        '| InstanceId | i-0123456789abcdef0 |',
        `| TargetGroupArn | ${outputs[2]!.OutputValue} |`,
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
    const { context, reporter } = world()

    await deploy(context)

    expect(reporter.outputs.changed).toBe('false')
    expect(reporter.outputs['stack-status']).toBe('UPDATE_COMPLETE')
    expect(reporter.summaries.at(-1)).toMatch(
      /^### Stack `gen3-poc` already up to date \(ap-southeast-2\)/
    )
  })
})

describe('the deploy command on the instance', () => {
  it('installs compose-services once the stack is ready, with the configuration it checked first', async () => {
    firstCreate()
    const first = world()
    const configDir = configFolder(first.directory, {
      'user.yaml': 'users: {}\n'
    })
    const { context, reporter } = world({ 'config-dir': configDir })
    let stackStatusWhenCalled: string | undefined
    provisionDeployed.mockImplementation(() => {
      stackStatusWhenCalled = reporter.outputs['stack-status']
      return Promise.resolve(undefined)
    })

    await deploy(context)

    expect(provisionDeployed).toHaveBeenCalledTimes(1)
    const [given, deployment, configuration] =
      provisionDeployed.mock.calls[0] ?? []
    expect(given).toBe(context)
    expect(deployment).toMatchObject({
      status: 'CREATE_COMPLETE',
      outputs: { InstanceId: 'i-0123456789abcdef0' }
    })
    expect(configuration?.directory).toBe(configDir)
    expect(configuration?.files.map((file) => file.name)).toEqual([
      'user.yaml',
      'fence-config.yaml'
    ])
    expect(stackStatusWhenCalled).toBe('CREATE_COMPLETE')
    expect(reporter.groups[0]).toBe(
      `Checking the configuration in ${configDir}`
    )
  })

  it('stops on a configuration error before it touches the stack', async () => {
    const first = world()
    const configDir = configFolder(first.directory, {
      'user.yaml': 'users: {}\n',
      'fence-config.yaml': 'BASE_ULR: x\n'
    })
    const { context, reporter } = world({ 'config-dir': configDir })

    const failure = await deploy(context).catch((error: unknown) => error)

    expect(failure).toBeInstanceOf(ConfigurationError)
    expect(cloudFormation.calls()).toHaveLength(0)
    expect(ssm.calls()).toHaveLength(0)
    expect(provisionDeployed).not.toHaveBeenCalled()
    expect(reporter.summaries.at(-1)).toBe(
      `### Deploy of \`gen3-poc\` failed\n\nThe configuration in ${configDir} has 1 error; nothing was sent to the instance. Fix it and run again:\n` +
        `  ${configDir}/fence-config.yaml:1: unknown fence setting 'BASE_ULR': upstream's fence-config.yaml has no such setting; did you mean 'BASE_URL'?\n`
    )
  })

  it('leaves the instance alone when the stack did not deploy', async () => {
    firstCreate('ROLLBACK_COMPLETE')
    const { context } = world()

    await expect(deploy(context)).rejects.toThrow(
      "Stack 'gen3-poc' ended ROLLBACK_COMPLETE."
    )

    expect(provisionDeployed).not.toHaveBeenCalled()
  })

  it('puts a failure on the instance in the job summary, after the stack', async () => {
    firstCreate()
    provisionDeployed.mockRejectedValue(
      new Error("'gen3-poc: provision compose-services a44a15f' failed")
    )
    const { context, reporter } = world()

    await expect(deploy(context)).rejects.toThrow(
      "'gen3-poc: provision compose-services a44a15f' failed"
    )

    expect(reporter.summaries.at(-2)).toMatch(
      /^### Stack `gen3-poc` created \(ap-southeast-2\)/
    )
    expect(reporter.summaries.at(-1)).toBe(
      "### Deploy of `gen3-poc` failed\n\n'gen3-poc: provision compose-services a44a15f' failed\n"
    )
  })
})
