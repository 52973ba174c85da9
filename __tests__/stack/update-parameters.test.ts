import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  DeleteChangeSetCommand
} from '@aws-sdk/client-cloudformation'
import { mockClient } from 'aws-sdk-client-mock'

import { updateParameters } from '../../src/stack/update-parameters.js'
import {
  change,
  changeSetId,
  deployedParameters,
  event,
  eventPages,
  missingStack,
  outputs,
  stack,
  stackEvent,
  stackId,
  stackName,
  world
} from './fixtures.js'

const cloudFormation = mockClient(CloudFormationClient)
const id = changeSetId('gen3-poc-hibernate-4242-1')

const deployed = stack('UPDATE_COMPLETE', {
  Parameters: deployedParameters,
  Capabilities: ['CAPABILITY_IAM'],
  Outputs: outputs
})

function hibernating(
  changes = [
    change(
      'HttpsListener',
      'AWS::ElasticLoadBalancingV2::Listener',
      'Modify',
      'False',
      [
        {
          name: 'DefaultActions',
          recreation: 'Never',
          source: 'ParameterReference',
          causedBy: 'Hibernated'
        }
      ]
    )
  ]
) {
  cloudFormation
    .on(DescribeStacksCommand, { StackName: stackName })
    .resolves({ Stacks: [deployed] })
  cloudFormation
    .on(CreateChangeSetCommand)
    .resolves({ Id: id, StackId: stackId })
  cloudFormation.on(DescribeChangeSetCommand).resolves({
    Status: 'CREATE_COMPLETE',
    ExecutionStatus: 'AVAILABLE',
    Changes: changes
  })
  cloudFormation.on(ExecuteChangeSetCommand).resolves({})
  cloudFormation.on(DeleteChangeSetCommand).resolves({})
  cloudFormation
    .on(DescribeStackEventsCommand)
    .resolves(eventPages([stackEvent('old', 'UPDATE_COMPLETE', -50)])[0]!)
}

beforeEach(() => {
  cloudFormation.reset()
})

describe('updating some parameters of the stack', () => {
  it('keeps the template and every other parameter, and sends the new value', async () => {
    hibernating()
    cloudFormation
      .on(DescribeStacksCommand, { StackName: stackId })
      .resolvesOnce({ Stacks: [stack('UPDATE_IN_PROGRESS')] })
      .resolves({
        Stacks: [
          stack('UPDATE_COMPLETE', {
            Parameters: [
              deployedParameters[0]!,
              { ParameterKey: 'Hibernated', ParameterValue: 'true' },
              deployedParameters[2]!
            ],
            Outputs: outputs
          })
        ]
      })
    const { context } = world({ command: 'hibernate' })

    const result = await updateParameters(context, stackName, {
      Hibernated: 'true'
    })

    expect(
      cloudFormation.commandCalls(CreateChangeSetCommand)[0]?.args[0].input
    ).toEqual({
      StackName: 'gen3-poc',
      ChangeSetName: 'gen3-poc-hibernate-4242-1',
      ChangeSetType: 'UPDATE',
      UsePreviousTemplate: true,
      Parameters: [
        { ParameterKey: 'ImageId', UsePreviousValue: true },
        { ParameterKey: 'Hibernated', ParameterValue: 'true' },
        { ParameterKey: 'InstanceType', UsePreviousValue: true }
      ],
      Capabilities: ['CAPABILITY_IAM'],
      Description: 'gen3-poc update of gen3-poc'
    })
    expect(result).toMatchObject({
      changed: true,
      status: 'UPDATE_COMPLETE',
      parameters: { Hibernated: 'true' },
      outputs: { InstanceId: 'i-0123456789abcdef0' }
    })
  })

  it('is a no-op with changed=false when the value is already set', async () => {
    hibernating()
    cloudFormation.on(DescribeChangeSetCommand).resolves({
      Status: 'FAILED',
      StatusReason:
        "The submitted information didn't contain changes. Submit different information to create a change set."
    })
    cloudFormation
      .on(DescribeStacksCommand, { StackName: stackId })
      .resolves({ Stacks: [deployed] })
    const { context } = world({ command: 'hibernate' })

    const result = await updateParameters(context, stackName, {
      Hibernated: 'false'
    })

    expect(result.changed).toBe(false)
    expect(cloudFormation.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0)
  })

  it('reports the root cause when the update fails', async () => {
    hibernating()
    cloudFormation
      .on(DescribeStacksCommand, { StackName: stackId })
      .resolves({ Stacks: [stack('UPDATE_ROLLBACK_COMPLETE')] })
    cloudFormation
      .on(DescribeStackEventsCommand)
      .resolvesOnce(eventPages([stackEvent('old', 'UPDATE_COMPLETE', -50)])[0]!)
      .resolves(
        eventPages(
          [stackEvent('old', 'UPDATE_COMPLETE', -50)],
          [
            event(
              'x-1',
              'HttpsListener',
              'AWS::ElasticLoadBalancingV2::Listener',
              'UPDATE_FAILED',
              3,
              'Access denied for elasticloadbalancing:ModifyListener'
            )
          ]
        )[1]!
      )
    const { context } = world({ command: 'resume' })

    await expect(
      updateParameters(context, stackName, { Hibernated: 'false' })
    ).rejects.toThrow(
      "Stack 'gen3-poc' ended UPDATE_ROLLBACK_COMPLETE. Root cause: HttpsListener (AWS::ElasticLoadBalancingV2::Listener) UPDATE_FAILED: Access denied for elasticloadbalancing:ModifyListener. " +
        'CloudFormation rolled the stack back to how it was before. Fix the cause and run the command again.'
    )
  })

  it('never replaces the instance, whatever allow-replacement says', async () => {
    hibernating([
      change('Instance', 'AWS::EC2::Instance', 'Modify', 'Conditional', [
        {
          name: 'UserData',
          recreation: 'Conditionally',
          source: 'ParameterReference',
          causedBy: 'Hibernated'
        }
      ])
    ])
    const { context } = world({
      command: 'hibernate',
      'allow-replacement': 'true'
    })

    await expect(
      updateParameters(context, stackName, { Hibernated: 'true' })
    ).rejects.toThrow(
      "Stopped before changing stack 'gen3-poc': the change set would possibly replace Instance (AWS::EC2::Instance) because of property UserData (Conditionally recreated) changed by parameter Hibernated. "
    )
    expect(cloudFormation.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0)
  })

  it('names the parameters the stack has when asked for one it lacks', async () => {
    hibernating()
    const { context } = world({ command: 'hibernate' })

    await expect(
      updateParameters(context, stackName, { Sleeping: 'true' })
    ).rejects.toThrow(
      'The stack has no parameter Sleeping: it has ImageId, Hibernated, InstanceType.'
    )
  })

  it('fails on a missing stack, saying to deploy first', async () => {
    cloudFormation.on(DescribeStacksCommand).rejects(missingStack())
    const { context } = world({ command: 'hibernate' })

    await expect(
      updateParameters(context, stackName, { Hibernated: 'true' })
    ).rejects.toThrow(
      "The stack 'gen3-poc' does not exist in ap-southeast-2: run the deploy command first, or check stack-name and region."
    )
  })

  it('does not recreate a stack whose first create failed', async () => {
    cloudFormation
      .on(DescribeStacksCommand)
      .resolves({ Stacks: [stack('ROLLBACK_COMPLETE')] })
    const { context } = world({ command: 'resume' })

    await expect(
      updateParameters(context, stackName, { Hibernated: 'false' })
    ).rejects.toThrow(
      "Stack 'gen3-poc' is ROLLBACK_COMPLETE, so it cannot be changed now. Its first create failed: run deploy, which deletes it and creates it again."
    )
  })
})
