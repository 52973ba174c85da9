import path from 'node:path'

import { describe, expect, it } from '@jest/globals'

import { commandNames } from '../../src/commands/names.js'
import { synthesise } from '../../src/template/synthesise.js'
import { inputsFor } from '../template/variants.js'
import { reachableActions, scan, source, sourceFiles } from './code-scan.js'
import {
  policyActions,
  policyCommands,
  policyDocument,
  policyFiles,
  policySize,
  shippedPolicies
} from './policy-documents.js'

// AWS docs, IAM and AWS STS quotas: a managed policy holds at most 6,144
// characters, white space not counted, and a role takes 10 managed policies
// unless the account asks for more.
const managedPolicyCharacters = 6_144
const managedPoliciesPerRole = 10

describe('the shipped IAM policy documents', () => {
  it('are the documents of the commands, and no other', () => {
    expect(shippedPolicies()).toEqual(Object.values(policyFiles).flat().sort())
    expect(Object.keys(policyFiles).sort()).toEqual([...policyCommands].sort())
  })

  it.each(shippedPolicies())(
    '%s fits in one managed policy, white space not counted',
    (name) => {
      expect(policySize(name)).toBeLessThanOrEqual(managedPolicyCharacters)
    }
  )

  it('fit one role that runs every command, as managed policies', () => {
    expect(shippedPolicies().length).toBeLessThanOrEqual(managedPoliciesPerRole)
  })

  it.each(shippedPolicies())(
    '%s is a plain Allow policy with named actions',
    (name) => {
      const document = policyDocument(name)

      expect(document.Version).toBe('2012-10-17')
      const sids = document.Statement.map((statement) => statement.Sid)
      expect(new Set(sids).size).toBe(sids.length)
      for (const statement of document.Statement) {
        expect(statement.Effect).toBe('Allow')
        expect(statement.Action.length).toBeGreaterThan(0)
        expect(
          statement.Action.filter((action) => action.includes('*'))
        ).toEqual([])
        expect(statement.Action).toEqual([...statement.Action].sort())
      }
    }
  )

  it.each(commandNames.map((name) => [name]))(
    'cover every AWS call the %s command can send',
    (command) => {
      const sent = reachableActions(
        path.join(source, 'commands', `${command}.ts`)
      )
      const allowed = (policyCommands as readonly string[]).includes(command)
        ? policyActions(command)
        : new Set<string>()

      expect([...sent].filter((action) => !allowed.has(action))).toEqual([])
    }
  )

  it('cover every AWS call anywhere in the code', () => {
    const everything = new Set(
      policyCommands.flatMap((command) => [...policyActions(command)])
    )
    const sent = sourceFiles(source).flatMap((file) => scan(file).actions)

    expect(sent.length).toBeGreaterThanOrEqual(15)
    expect(sent.filter((action) => !everything.has(action))).toEqual([])
  })

  it('find the calls the deploy command makes, through its imports', () => {
    expect(
      [...reachableActions(path.join(source, 'commands', 'deploy.ts'))].sort()
    ).toEqual([
      'cloudformation:CreateChangeSet',
      'cloudformation:DeleteChangeSet',
      'cloudformation:DeleteStack',
      'cloudformation:DescribeChangeSet',
      'cloudformation:DescribeStackEvents',
      'cloudformation:DescribeStacks',
      'cloudformation:ExecuteChangeSet',
      'cloudformation:UpdateTerminationProtection',
      'ec2:DescribeSubnets',
      'ssm:CancelCommand',
      'ssm:DescribeInstanceInformation',
      'ssm:GetCommandInvocation',
      'ssm:GetParameter',
      'ssm:PutParameter',
      'ssm:SendCommand'
    ])
  })

  it('would fail for a call no policy allows', () => {
    const allowed = policyActions('status')

    expect(allowed.has('cloudformation:DescribeStacks')).toBe(true)
    expect(allowed.has('ec2:TerminateInstances')).toBe(false)
  })
})

/**
 * CloudFormation runs the switches' change sets, and their rollbacks, with
 * the caller's credentials: what it calls to create or delete each resource
 * the switches bring or take away (AWS service authorization reference).
 */
const cloudFormationNeeds: Record<string, string[]> = {
  'AWS::ElasticLoadBalancingV2::ListenerRule': [
    'elasticloadbalancing:CreateRule',
    'elasticloadbalancing:DeleteRule',
    'elasticloadbalancing:AddTags'
  ],
  'AWS::EC2::NatGateway': [
    'ec2:CreateNatGateway',
    'ec2:DeleteNatGateway',
    'ec2:CreateTags',
    'ec2:DescribeNatGateways'
  ],
  'AWS::EC2::Route': ['ec2:ReplaceRoute', 'ec2:DescribeRouteTables']
}

describe('the hibernate and resume policies', () => {
  const { template } = synthesise(inputsFor())
  const switches = ['IsHibernated', 'HasNatGateway']
  const switched = Object.values(template.Resources).filter(
    (resource) =>
      switches.includes(resource.Condition ?? '') ||
      JSON.stringify(resource.Properties ?? {}).includes('"Fn::If"')
  )

  it('find the resources the switches bring, take away or re-aim', () => {
    expect(
      [...new Set(switched.map((resource) => resource.Type))].sort()
    ).toEqual(Object.keys(cloudFormationNeeds).sort())
  })

  it.each(['hibernate', 'resume'])(
    '%s allows what CloudFormation calls for them, either way, since a rollback undoes the change',
    (command) => {
      const allowed = policyActions(command)
      const needed = switched.flatMap(
        (resource) => cloudFormationNeeds[resource.Type] ?? []
      )

      expect(needed.filter((action) => !allowed.has(action))).toEqual([])
    }
  )
})
