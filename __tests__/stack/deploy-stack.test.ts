import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  UpdateTerminationProtectionCommand
} from '@aws-sdk/client-cloudformation'
import type { Change } from '@aws-sdk/client-cloudformation'
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm'
import { mockClient } from 'aws-sdk-client-mock'

import { deployStack } from '../../src/stack/deploy-stack.js'
import { ReplacementRefusedError } from '../../src/stack/replacement.js'
import { WaitTimeoutError } from '../../src/wait/poll.js'
import { policyActions } from './policy-documents.js'
import {
  change,
  changeSetId,
  deployedParameters,
  event,
  eventPages,
  missingStack,
  outputs,
  sentActions,
  stack,
  stackEvent,
  stackId,
  stackName,
  synthesis,
  throttled,
  world
} from './fixtures.js'

const cloudFormation = mockClient(CloudFormationClient)
const ssm = mockClient(SSMClient)
const actionsSent = new Set<string>()

const name = 'gen3-poc-deploy-4242-1'
const id = changeSetId(name)
const ami = 'ami-0123456789abcdef0'

const created = [
  change('InstanceRole', 'AWS::IAM::Role', 'Add'),
  change('Instance', 'AWS::EC2::Instance', 'Add')
]

/** CloudFormation computes the change set and accepts its execution. */
function changeSet(changes: Change[], status = 'CREATE_COMPLETE') {
  cloudFormation
    .on(CreateChangeSetCommand)
    .resolves({ Id: id, StackId: stackId })
  cloudFormation.on(DescribeChangeSetCommand).resolves({
    ChangeSetId: id,
    ChangeSetName: name,
    StackId: stackId,
    Status: status as 'CREATE_COMPLETE',
    ExecutionStatus: 'AVAILABLE',
    Changes: changes
  })
  cloudFormation.on(ExecuteChangeSetCommand).resolves({})
  cloudFormation.on(DeleteChangeSetCommand).resolves({})
  cloudFormation.on(UpdateTerminationProtectionCommand).resolves({})
}

/** DescribeStacks by id answers these statuses in turn, the last one forever. */
function statuses(...answers: ReturnType<typeof stack>[]) {
  const by = cloudFormation.on(DescribeStacksCommand, { StackName: stackId })
  answers
    .slice(0, -1)
    .forEach((answer) => by.resolvesOnce({ Stacks: [answer] }))
  by.resolves({ Stacks: [answers.at(-1)!] })
}

function events(...pages: ReturnType<typeof eventPages>) {
  const by = cloudFormation.on(DescribeStackEventsCommand)
  pages.slice(0, -1).forEach((page) => by.resolvesOnce(page))
  by.resolves(pages.at(-1)!)
}

const complete = stack('CREATE_COMPLETE', {
  Outputs: outputs,
  Parameters: deployedParameters,
  EnableTerminationProtection: false
})

const updated = stack('UPDATE_COMPLETE', {
  Outputs: outputs,
  Parameters: deployedParameters,
  EnableTerminationProtection: true
})

function existing(status = 'UPDATE_COMPLETE') {
  cloudFormation.on(DescribeStacksCommand, { StackName: stackName }).resolves({
    Stacks: [
      stack(status, {
        Parameters: [
          ...deployedParameters.slice(0, 1),
          { ParameterKey: 'Hibernated', ParameterValue: 'true' },
          ...deployedParameters.slice(2)
        ],
        EnableTerminationProtection: true
      })
    ]
  })
}

function updateEvents() {
  events(
    ...eventPages(
      [stackEvent('old-1', 'UPDATE_COMPLETE', -100)],
      [stackEvent('u-1', 'UPDATE_IN_PROGRESS', 10, 'User Initiated')],
      [
        event(
          'u-2',
          'HttpsListener',
          'AWS::ElasticLoadBalancingV2::Listener',
          'UPDATE_COMPLETE',
          14
        ),
        stackEvent('u-3', 'UPDATE_COMPLETE', 15)
      ]
    )
  )
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

describe('deploying a stack for the first time', () => {
  function firstCreate() {
    cloudFormation
      .on(DescribeStacksCommand, { StackName: stackName })
      .rejects(missingStack())
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: ami } })
    changeSet(created)
    statuses(stack('CREATE_IN_PROGRESS'), complete)
    events(
      ...eventPages(
        [stackEvent('e-0', 'REVIEW_IN_PROGRESS', 0, 'User Initiated')],
        [
          stackEvent('e-1', 'CREATE_IN_PROGRESS', 5, 'User Initiated'),
          event(
            'e-2',
            'InstanceRole',
            'AWS::IAM::Role',
            'CREATE_IN_PROGRESS',
            6
          )
        ],
        [
          event('e-3', 'InstanceRole', 'AWS::IAM::Role', 'CREATE_COMPLETE', 20),
          event(
            'e-4',
            'Instance',
            'AWS::EC2::Instance',
            'CREATE_IN_PROGRESS',
            21,
            'Resource creation Initiated'
          ),
          event('e-5', 'Instance', 'AWS::EC2::Instance', 'CREATE_COMPLETE', 50),
          stackEvent('e-6', 'CREATE_COMPLETE', 51)
        ]
      )
    )
  }

  it('creates it through a change set named for the run, with the AMI resolved once', async () => {
    firstCreate()
    const { context } = world()

    await deployStack(context, synthesis)

    expect(ssm.commandCalls(GetParameterCommand)[0]?.args[0].input).toEqual({
      Name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64'
    })
    expect(
      cloudFormation.commandCalls(CreateChangeSetCommand)[0]?.args[0].input
    ).toEqual({
      StackName: 'gen3-poc',
      ChangeSetName: 'gen3-poc-deploy-4242-1',
      ChangeSetType: 'CREATE',
      TemplateBody: synthesis.body,
      Parameters: [
        { ParameterKey: 'ImageId', ParameterValue: ami },
        { ParameterKey: 'Hibernated', ParameterValue: 'false' },
        { ParameterKey: 'InstanceType', ParameterValue: 'm5.2xlarge' }
      ],
      Capabilities: ['CAPABILITY_IAM'],
      Tags: [{ Key: 'gen3-poc:stack', Value: 'gen3-poc' }],
      Description: 'gen3-poc create of gen3-poc'
    })
    expect(
      cloudFormation.commandCalls(ExecuteChangeSetCommand)[0]?.args[0].input
    ).toEqual({ ChangeSetName: id })
  })

  it("tags the stack with the centre's tags and its own, for CloudFormation to pass to every resource that takes tags", async () => {
    firstCreate()
    const { context } = world({ tags: 'team=genomics\ncost-centre=4711' })

    await deployStack(context, synthesis)

    expect(
      cloudFormation.commandCalls(CreateChangeSetCommand)[0]?.args[0].input.Tags
    ).toEqual([
      { Key: 'team', Value: 'genomics' },
      { Key: 'cost-centre', Value: '4711' },
      { Key: 'gen3-poc:stack', Value: 'gen3-poc' }
    ])
  })

  it('tells the story: change set, each event once with its elapsed seconds, and the end', async () => {
    firstCreate()
    const { context, reporter } = world()

    await deployStack(context, synthesis)

    expect(reporter.at('info')).toEqual([
      "Stack 'gen3-poc' does not exist in ap-southeast-2: creating it",
      `AMI ${ami} from /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64; later deploys keep it`,
      'Created change set gen3-poc-deploy-4242-1; waiting for CloudFormation to compute it',
      'Change set gen3-poc-deploy-4242-1 has 2 changes:',
      '  Add InstanceRole (AWS::IAM::Role)',
      '  Add Instance (AWS::EC2::Instance)',
      'Executing change set gen3-poc-deploy-4242-1 after 0 s',
      '[0 s] gen3-poc (AWS::CloudFormation::Stack) CREATE_IN_PROGRESS: User Initiated',
      '[1 s] InstanceRole (AWS::IAM::Role) CREATE_IN_PROGRESS',
      '[15 s] InstanceRole (AWS::IAM::Role) CREATE_COMPLETE',
      '[16 s] Instance (AWS::EC2::Instance) CREATE_IN_PROGRESS: Resource creation Initiated',
      '[45 s] Instance (AWS::EC2::Instance) CREATE_COMPLETE',
      '[46 s] gen3-poc (AWS::CloudFormation::Stack) CREATE_COMPLETE',
      "Stack 'gen3-poc' is CREATE_COMPLETE after 2 s",
      "Termination protection is on for stack 'gen3-poc': only destroy, with confirm set to the stack name, lifts it"
    ])
    expect(reporter.groups).toEqual([
      'Stack gen3-poc',
      'Change set gen3-poc-deploy-4242-1',
      'Stack events of gen3-poc'
    ])
  })

  it('shows the change set in the job summary', async () => {
    firstCreate()
    const { context, reporter } = world()

    await deployStack(context, synthesis)

    expect(reporter.summaries).toEqual([
      [
        '### Change set `gen3-poc-deploy-4242-1` for stack `gen3-poc`',
        '',
        '| Resource | Type | Action | Replacement | Changed properties |',
        '| --- | --- | --- | --- | --- |',
        '| InstanceRole | AWS::IAM::Role | Add | - | - |',
        '| Instance | AWS::EC2::Instance | Add | - | - |',
        '',
        ''
      ].join('\n')
    ])
  })

  it('returns the outputs, turns termination protection on and leaves no change set behind', async () => {
    firstCreate()
    const { context } = world()

    const deployment = await deployStack(context, synthesis)

    expect(deployment).toMatchObject({
      stackName: 'gen3-poc',
      stackId,
      changed: true,
      created: true,
      status: 'CREATE_COMPLETE',
      outputs: {
        Url: 'https://gen3.example.org',
        InstanceId: 'i-0123456789abcdef0'
      }
    })
    expect(
      cloudFormation.commandCalls(UpdateTerminationProtectionCommand)[0]
        ?.args[0].input
    ).toEqual({ StackName: 'gen3-poc', EnableTerminationProtection: true })
    expect(cloudFormation.commandCalls(DeleteChangeSetCommand)).toHaveLength(0)
  })

  it('leaves termination protection off when the input says so', async () => {
    firstCreate()
    const { context } = world({ 'termination-protection': 'false' })

    await deployStack(context, synthesis)

    expect(
      cloudFormation.commandCalls(UpdateTerminationProtectionCommand)
    ).toHaveLength(0)
  })

  it('names the change set by the time when it runs outside a workflow', async () => {
    firstCreate()
    const { context } = world({}, {})

    await deployStack(context, synthesis)

    expect(
      cloudFormation.commandCalls(CreateChangeSetCommand)[0]?.args[0].input
        .ChangeSetName
    ).toBe('gen3-poc-deploy-20261203120000')
  })
})

describe('updating a stack', () => {
  it('keeps ImageId and Hibernated at their previous values and sends the rest', async () => {
    existing()
    changeSet([
      change(
        'HttpsListener',
        'AWS::ElasticLoadBalancingV2::Listener',
        'Modify',
        'False',
        [{ name: 'Certificates', recreation: 'Never' }]
      )
    ])
    statuses(stack('UPDATE_IN_PROGRESS'), updated)
    updateEvents()
    const { context, reporter } = world()

    const deployment = await deployStack(context, synthesis)

    const input = cloudFormation.commandCalls(CreateChangeSetCommand)[0]
      ?.args[0].input
    expect(input?.ChangeSetType).toBe('UPDATE')
    expect(input?.Parameters).toEqual([
      { ParameterKey: 'ImageId', UsePreviousValue: true },
      { ParameterKey: 'Hibernated', UsePreviousValue: true },
      { ParameterKey: 'InstanceType', ParameterValue: 'm5.2xlarge' }
    ])
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(0)
    expect(deployment).toMatchObject({
      changed: true,
      created: false,
      status: 'UPDATE_COMPLETE'
    })
    expect(reporter.at('info')).toContain(
      '  Modify HttpsListener (AWS::ElasticLoadBalancingV2::Listener): Certificates'
    )
    expect(reporter.at('info')).toContain(
      "Stack 'gen3-poc' is UPDATE_COMPLETE: updating it"
    )
  })

  it("does not mistake the stack's old status, read just after executing, for the end", async () => {
    existing()
    changeSet([change('Instance', 'AWS::EC2::Instance', 'Modify', 'False')])
    statuses(
      stack('UPDATE_COMPLETE', { Outputs: [] }),
      stack('UPDATE_IN_PROGRESS'),
      updated
    )
    events(...eventPages([stackEvent('old-1', 'UPDATE_COMPLETE', -100)]))
    const { context, reporter } = world()

    const deployment = await deployStack(context, synthesis)

    expect(deployment.outputs.Url).toBe('https://gen3.example.org')
    expect(reporter.at('debug')).toContain(
      "Waiting for stack 'gen3-poc' to update: the operation has not started yet (0 s)"
    )
  })

  it('does not touch termination protection that is already on', async () => {
    existing()
    changeSet([change('Instance', 'AWS::EC2::Instance', 'Modify', 'False')])
    statuses(updated)
    updateEvents()
    const { context } = world()

    await deployStack(context, synthesis)

    expect(
      cloudFormation.commandCalls(UpdateTerminationProtectionCommand)
    ).toHaveLength(0)
  })
})

describe('a deploy with nothing to change', () => {
  it('succeeds with changed=false, a notice, and removes the empty change set', async () => {
    existing()
    changeSet([], 'FAILED')
    cloudFormation.on(DescribeChangeSetCommand).resolves({
      Status: 'FAILED',
      ExecutionStatus: 'UNAVAILABLE',
      StatusReason:
        "The submitted information didn't contain changes. Submit different information to create a change set."
    })
    statuses(updated)
    const { context, reporter } = world()

    const deployment = await deployStack(context, synthesis)

    expect(deployment).toMatchObject({
      changed: false,
      status: 'UPDATE_COMPLETE',
      outputs: { Url: 'https://gen3.example.org' }
    })
    expect(reporter.at('notice')).toEqual([
      "Stack 'gen3-poc' is already up to date: the change set had no changes (The submitted information didn't contain changes. Submit different information to create a change set.)."
    ])
    expect(cloudFormation.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0)
    expect(
      cloudFormation.commandCalls(DeleteChangeSetCommand)[0]?.args[0].input
    ).toEqual({ ChangeSetName: id })
  })

  it('treats "No updates are to be performed" the same way', async () => {
    existing()
    changeSet([])
    cloudFormation.on(DescribeChangeSetCommand).resolves({
      Status: 'FAILED',
      StatusReason: 'No updates are to be performed.'
    })
    statuses(updated)
    const { context } = world()

    const deployment = await deployStack(context, synthesis)

    expect(deployment.changed).toBe(false)
  })

  it('fails on any other change set failure, removing it, with its reason', async () => {
    existing()
    changeSet([])
    cloudFormation.on(DescribeChangeSetCommand).resolves({
      Status: 'FAILED',
      StatusReason: 'Parameters: [Domain] must have values'
    })
    const { context } = world()

    await expect(deployStack(context, synthesis)).rejects.toThrow(
      "CloudFormation could not make change set 'gen3-poc-deploy-4242-1' for stack 'gen3-poc': Parameters: [Domain] must have values. Nothing was changed."
    )
    expect(cloudFormation.commandCalls(DeleteChangeSetCommand)).toHaveLength(1)
    expect(cloudFormation.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0)
  })
})

describe('a change set that cannot run', () => {
  it('is removed and reported when its execution status is not AVAILABLE', async () => {
    existing()
    changeSet([])
    cloudFormation.on(DescribeChangeSetCommand).resolves({
      Status: 'CREATE_COMPLETE',
      ExecutionStatus: 'OBSOLETE',
      Changes: []
    })
    const { context } = world()

    await expect(deployStack(context, synthesis)).rejects.toThrow(
      "CloudFormation could not make change set 'gen3-poc-deploy-4242-1' for stack 'gen3-poc': it cannot run (its execution status is OBSOLETE). Nothing was changed."
    )
    expect(cloudFormation.commandCalls(DeleteChangeSetCommand)).toHaveLength(1)
  })

  it('is removed when CloudFormation takes longer than the budget to compute it', async () => {
    existing()
    changeSet([])
    cloudFormation
      .on(DescribeChangeSetCommand)
      .resolves({ Status: 'CREATE_IN_PROGRESS' })
    const { context } = world({ 'timeout-minutes': '1' })

    await expect(deployStack(context, synthesis)).rejects.toThrow(
      'Gave up waiting for change set gen3-poc-deploy-4242-1 after 60 s: the change set is CREATE_IN_PROGRESS. Raise timeout-minutes if it needs longer.'
    )
    expect(cloudFormation.commandCalls(DeleteChangeSetCommand)).toHaveLength(1)
  })
})

describe('a deploy that fails', () => {
  it('names the first failed resource and its reason, not only the stack status', async () => {
    cloudFormation
      .on(DescribeStacksCommand, { StackName: stackName })
      .rejects(missingStack())
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: ami } })
    changeSet(created)
    statuses(
      stack('CREATE_IN_PROGRESS'),
      stack('ROLLBACK_COMPLETE', {
        StackStatusReason:
          'The following resource(s) failed to create: [Instance, InstanceRole]. Rollback requested by user.'
      })
    )
    events(
      ...eventPages(
        [stackEvent('e-0', 'REVIEW_IN_PROGRESS', 0, 'User Initiated')],
        [stackEvent('e-1', 'CREATE_IN_PROGRESS', 5, 'User Initiated')],
        [
          event(
            'e-2',
            'Instance',
            'AWS::EC2::Instance',
            'CREATE_FAILED',
            30,
            'Resource handler returned message: "The requested configuration is currently not supported. Please check the documentation for supported configurations." (Service: Ec2, Status Code: 400)'
          ),
          event(
            'e-3',
            'InstanceRole',
            'AWS::IAM::Role',
            'CREATE_FAILED',
            31,
            'Resource creation cancelled'
          ),
          stackEvent(
            'e-4',
            'ROLLBACK_IN_PROGRESS',
            32,
            'The following resource(s) failed to create: [Instance, InstanceRole]. Rollback requested by user.'
          ),
          stackEvent('e-5', 'ROLLBACK_COMPLETE', 60)
        ]
      )
    )
    const { context } = world()

    await expect(deployStack(context, synthesis)).rejects.toThrow(
      "Stack 'gen3-poc' ended ROLLBACK_COMPLETE. Root cause: Instance (AWS::EC2::Instance) CREATE_FAILED: " +
        'Resource handler returned message: "The requested configuration is currently not supported. Please check the documentation for supported configurations." (Service: Ec2, Status Code: 400). ' +
        'CloudFormation rolled the new stack back. Fix the cause and run deploy again: it deletes the failed stack and creates it anew.'
    )
    expect(cloudFormation.commandCalls(DeleteChangeSetCommand)).toHaveLength(0)
  })

  it('says the update was rolled back to how it was', async () => {
    existing()
    changeSet([change('Instance', 'AWS::EC2::Instance', 'Modify', 'False')])
    statuses(stack('UPDATE_ROLLBACK_COMPLETE'))
    events(
      ...eventPages(
        [stackEvent('old-1', 'UPDATE_COMPLETE', -100)],
        [
          stackEvent('u-1', 'UPDATE_IN_PROGRESS', 10, 'User Initiated'),
          event(
            'u-2',
            'Instance',
            'AWS::EC2::Instance',
            'UPDATE_FAILED',
            20,
            'You are not authorized to perform this operation.'
          ),
          stackEvent('u-3', 'UPDATE_ROLLBACK_COMPLETE', 40)
        ]
      )
    )
    const { context } = world()

    await expect(deployStack(context, synthesis)).rejects.toThrow(
      "Stack 'gen3-poc' ended UPDATE_ROLLBACK_COMPLETE. Root cause: Instance (AWS::EC2::Instance) UPDATE_FAILED: You are not authorized to perform this operation.. " +
        'CloudFormation rolled the stack back to how it was before. Fix the cause and run the command again.'
    )
  })

  it('falls back to the stack status reason when no resource failed', async () => {
    existing()
    changeSet([change('Instance', 'AWS::EC2::Instance', 'Modify', 'False')])
    statuses(
      stack('UPDATE_ROLLBACK_FAILED', {
        StackStatusReason: 'Resource update cancelled'
      })
    )
    updateEvents()
    const { context } = world()

    await expect(deployStack(context, synthesis)).rejects.toThrow(
      "Stack 'gen3-poc' ended UPDATE_ROLLBACK_FAILED. Root cause: Resource update cancelled. The last update failed and so did its rollback."
    )
  })
})

describe('a stack left in ROLLBACK_COMPLETE by a failed first create', () => {
  it('is deleted and created again, loudly', async () => {
    const oldId = stackId.replace('11111111', 'deadbeef')
    cloudFormation
      .on(DescribeStacksCommand, { StackName: stackName })
      .resolvesOnce({
        Stacks: [
          stack('ROLLBACK_COMPLETE', {
            StackId: oldId,
            StackStatusReason:
              'The following resource(s) failed to create: [Certificate].'
          })
        ]
      })
      .rejects(missingStack())
    cloudFormation
      .on(DescribeStacksCommand, { StackName: oldId })
      .resolvesOnce({
        Stacks: [stack('DELETE_IN_PROGRESS', { StackId: oldId })]
      })
      .resolves({ Stacks: [stack('DELETE_COMPLETE', { StackId: oldId })] })
    cloudFormation.on(DeleteStackCommand).resolves({})
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: ami } })
    changeSet(created)
    statuses(stack('CREATE_IN_PROGRESS'), complete)
    events(...eventPages([stackEvent('e-0', 'REVIEW_IN_PROGRESS', 0)]))
    const { context, reporter } = world()

    const deployment = await deployStack(context, synthesis)

    expect(reporter.at('warning')).toEqual([
      "Stack 'gen3-poc' is ROLLBACK_COMPLETE: its first create failed (The following resource(s) failed to create: [Certificate].) and it cannot be updated. Deleting it and creating it again."
    ])
    expect(
      cloudFormation.commandCalls(DeleteStackCommand)[0]?.args[0].input
    ).toEqual({ StackName: oldId })
    expect(
      cloudFormation.commandCalls(CreateChangeSetCommand)[0]?.args[0].input
        .ChangeSetType
    ).toBe('CREATE')
    expect(deployment).toMatchObject({ created: true, changed: true })
  })

  it('has its termination protection lifted first when it has one', async () => {
    cloudFormation
      .on(DescribeStacksCommand, { StackName: stackName })
      .resolvesOnce({
        Stacks: [
          stack('ROLLBACK_COMPLETE', { EnableTerminationProtection: true })
        ]
      })
      .rejects(missingStack())
    cloudFormation.on(DeleteStackCommand).resolves({})
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: ami } })
    changeSet(created)
    statuses(
      stack('DELETE_IN_PROGRESS'),
      stack('DELETE_COMPLETE'),
      stack('CREATE_IN_PROGRESS'),
      complete
    )
    events(...eventPages([stackEvent('e-0', 'REVIEW_IN_PROGRESS', 0)]))
    const { context, reporter } = world()

    await deployStack(context, synthesis)

    expect(
      cloudFormation
        .commandCalls(UpdateTerminationProtectionCommand)
        .map((call) => call.args[0].input.EnableTerminationProtection)
    ).toEqual([false, true])
    expect(reporter.at('info')).toContain(
      "Lifted termination protection from the failed stack 'gen3-poc'"
    )
  })
})

describe('a stack that is busy', () => {
  it('is waited for within the budget, then updated', async () => {
    cloudFormation
      .on(DescribeStacksCommand, { StackName: stackName })
      .resolvesOnce({ Stacks: [stack('UPDATE_IN_PROGRESS')] })
      .resolves({ Stacks: [updated] })
    changeSet([change('Instance', 'AWS::EC2::Instance', 'Modify', 'False')])
    const by = cloudFormation.on(DescribeStacksCommand, { StackName: stackId })
    by.resolvesOnce({ Stacks: [stack('UPDATE_IN_PROGRESS')] })
      .resolvesOnce({ Stacks: [stack('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS')] })
      .resolvesOnce({ Stacks: [updated] })
      .resolvesOnce({ Stacks: [stack('UPDATE_IN_PROGRESS')] })
      .resolves({ Stacks: [updated] })
    updateEvents()
    const { context, reporter, clock } = world()

    const deployment = await deployStack(context, synthesis)

    expect(reporter.at('info')[0]).toBe(
      "Stack 'gen3-poc' is UPDATE_IN_PROGRESS: waiting for that operation to finish first"
    )
    expect(reporter.at('info')).toContain(
      "Stack 'gen3-poc' is UPDATE_COMPLETE: updating it"
    )
    expect(clock.sleeps).toEqual([2000, 3000, 2000])
    expect(deployment.status).toBe('UPDATE_COMPLETE')
  })

  it('fails when the budget runs out, saying what it waited for', async () => {
    cloudFormation
      .on(DescribeStacksCommand)
      .resolves({ Stacks: [stack('UPDATE_IN_PROGRESS')] })
    events(...eventPages([stackEvent('old-1', 'UPDATE_IN_PROGRESS', 0)]))
    const { context } = world({ 'timeout-minutes': '1' })

    const deploying = deployStack(context, synthesis)

    await expect(deploying).rejects.toThrow(WaitTimeoutError)
    await expect(deploying).rejects.toThrow(
      "Gave up waiting for stack 'gen3-poc' to finish UPDATE_IN_PROGRESS after 60 s: the stack is still UPDATE_IN_PROGRESS. Raise timeout-minutes if it needs longer."
    )
  })

  it('refuses UPDATE_ROLLBACK_FAILED with what the operator should do', async () => {
    existing('UPDATE_ROLLBACK_FAILED')
    const { context } = world()

    await expect(deployStack(context, synthesis)).rejects.toThrow(
      "Stack 'gen3-poc' is UPDATE_ROLLBACK_FAILED, so it cannot be changed now. " +
        'The last update failed and so did its rollback. Continue the rollback: in the CloudFormation console select the stack, then Stack actions > Continue update rollback ' +
        "(skipping the resources that cannot roll back if it asks), or run 'aws cloudformation continue-update-rollback --stack-name gen3-poc'. Then run deploy again."
    )
    expect(cloudFormation.commandCalls(CreateChangeSetCommand)).toHaveLength(0)
  })
})

describe('a change set that would replace the instance', () => {
  const replacing = [
    change('Instance', 'AWS::EC2::Instance', 'Modify', 'True', [
      {
        name: 'SubnetId',
        recreation: 'Always',
        source: 'ResourceReference',
        causedBy: 'PrivateSubnet'
      },
      { name: 'Tags', recreation: 'Never' }
    ])
  ]

  it('is refused before executing, naming the resource and the property, and removed', async () => {
    existing()
    changeSet(replacing)
    const { context } = world()

    const deploying = deployStack(context, synthesis)

    await expect(deploying).rejects.toThrow(ReplacementRefusedError)
    await expect(deploying).rejects.toThrow(
      "Stopped before changing stack 'gen3-poc': the change set would replace Instance (AWS::EC2::Instance) because of property SubnetId changed by PrivateSubnet. " +
        "The instance and its root volume hold the commons' database, which would be lost. " +
        'Undo the change that causes it, or set allow-replacement: true if you mean to start from an empty commons.'
    )
    expect(cloudFormation.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0)
    expect(
      cloudFormation.commandCalls(DeleteChangeSetCommand)[0]?.args[0].input
    ).toEqual({ ChangeSetName: id })
  })

  it('is refused when the root volume would be replaced', async () => {
    existing()
    changeSet([
      change('Instance', 'AWS::EC2::Instance', 'Modify', 'True', [
        { name: 'BlockDeviceMappings', recreation: 'Always' }
      ])
    ])
    const { context } = world()

    await expect(deployStack(context, synthesis)).rejects.toThrow(
      "Stopped before changing stack 'gen3-poc': the change set would replace Instance (AWS::EC2::Instance) because of property BlockDeviceMappings (the root volume). "
    )
  })

  it('is refused when the template no longer has the instance', async () => {
    existing()
    changeSet([change('Instance', 'AWS::EC2::Instance', 'Remove')])
    const { context } = world()

    await expect(deployStack(context, synthesis)).rejects.toThrow(
      "Stopped before changing stack 'gen3-poc': the change set would delete Instance (AWS::EC2::Instance) because of the template no longer has it. "
    )
  })

  it('is refused when CloudFormation cannot tell what it will do to the instance', async () => {
    existing()
    changeSet([
      {
        Type: 'Resource',
        ResourceChange: {
          Action: 'Dynamic',
          LogicalResourceId: 'Instance',
          ResourceType: 'AWS::EC2::Instance'
        }
      }
    ])
    const { context } = world()

    await expect(deployStack(context, synthesis)).rejects.toThrow(
      "Stopped before changing stack 'gen3-poc': the change set would possibly replace Instance (AWS::EC2::Instance) because of CloudFormation cannot tell before running what it will do. "
    )
  })

  it('goes ahead with allow-replacement, warning that the database will be lost', async () => {
    existing()
    changeSet(replacing)
    statuses(updated)
    updateEvents()
    const { context, reporter } = world({ 'allow-replacement': 'true' })

    await deployStack(context, synthesis)

    expect(reporter.at('warning')).toEqual([
      "allow-replacement is true, so the change set goes ahead: it would replace Instance (AWS::EC2::Instance) because of property SubnetId changed by PrivateSubnet. The commons' database on it will be lost."
    ])
    expect(cloudFormation.commandCalls(ExecuteChangeSetCommand)).toHaveLength(1)
  })
})

describe('throttling while waiting', () => {
  it('keeps waiting when AWS still throttles after the SDK retried', async () => {
    existing()
    changeSet([change('Instance', 'AWS::EC2::Instance', 'Modify', 'False')])
    cloudFormation
      .on(DescribeStacksCommand, { StackName: stackId })
      .rejectsOnce(throttled())
      .resolves({ Stacks: [updated] })
    updateEvents()
    const { context, reporter } = world()

    const deployment = await deployStack(context, synthesis)

    expect(deployment.status).toBe('UPDATE_COMPLETE')
    expect(reporter.at('debug')).toContain(
      "Waiting for stack 'gen3-poc' to update: AWS is throttling the requests (0 s)"
    )
  })
})

describe('a template too large to send inline', () => {
  it('is refused before any AWS call', async () => {
    const { context } = world()
    const body = ' '.repeat(51_201)

    await expect(deployStack(context, { ...synthesis, body })).rejects.toThrow(
      'The template is 51201 bytes, and CloudFormation accepts at most 51200 bytes sent inline. '
    )
    expect(cloudFormation.calls()).toHaveLength(0)
  })
})

describe('the calls all these deploys made', () => {
  it('are each allowed by the deploy policy', () => {
    const allowed = policyActions('deploy')

    expect([...actionsSent].sort()).toEqual([
      'cloudformation:CreateChangeSet',
      'cloudformation:DeleteChangeSet',
      'cloudformation:DeleteStack',
      'cloudformation:DescribeChangeSet',
      'cloudformation:DescribeStackEvents',
      'cloudformation:DescribeStacks',
      'cloudformation:ExecuteChangeSet',
      'cloudformation:UpdateTerminationProtection',
      'ssm:GetParameter'
    ])
    expect([...actionsSent].filter((action) => !allowed.has(action))).toEqual(
      []
    )
  })
})
