import type {
  CloudFormationClient,
  Stack
} from '@aws-sdk/client-cloudformation'
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation'

import { hibernatedParameter } from './stack-parameters.js'

/** The stack's outputs, by the names the template gives them. */
export interface CommonsOutputs {
  url: string
  instanceId: string
  loadBalancerDnsName: string
  targetGroupArn: string
  httpsListenerArn: string
  httpListenerArn: string
  loadBalancerSecurityGroupId: string
  instanceSecurityGroupId: string
}

export const outputKeys: Record<keyof CommonsOutputs, string> = {
  url: 'Url',
  instanceId: 'InstanceId',
  loadBalancerDnsName: 'LoadBalancerDnsName',
  targetGroupArn: 'TargetGroupArn',
  httpsListenerArn: 'HttpsListenerArn',
  httpListenerArn: 'HttpListenerArn',
  loadBalancerSecurityGroupId: 'LoadBalancerSecurityGroupId',
  instanceSecurityGroupId: 'InstanceSecurityGroupId'
}

export interface Commons {
  stackName: string
  stackStatus: string
  parameters: Record<string, string>
  outputs: CommonsOutputs
}

/** The stack is not there: nothing was deployed, or it was destroyed. */
export class StackNotFoundError extends Error {
  constructor(
    readonly stackName: string,
    readonly region: string
  ) {
    super(
      `The stack '${stackName}' does not exist in ${region}: run the deploy command first, or check stack-name and region.`
    )
    this.name = 'StackNotFoundError'
  }
}

/** The stack exists but lacks outputs, as while it is still being created. */
export class IncompleteStackError extends Error {
  constructor(stackName: string, status: string, missing: string[]) {
    super(
      `The stack '${stackName}' is ${status} and has no ${missing.join(', ')} output yet: wait for deploy to finish, or run deploy again.`
    )
    this.name = 'IncompleteStackError'
  }
}

/**
 * The commons sleeps: its instance has no SSM agent to answer, and waking
 * it is resume's decision, so a command that needs the instance stops at
 * once, saying what it left undone and what to run.
 */
export class HibernatedCommonsError extends Error {
  constructor(commons: Commons, undone: string, command: string) {
    super(
      `Stack '${commons.stackName}' is hibernated, so ${undone} its instance ${commons.outputs.instanceId}: run resume, then ${command} again.`
    )
    this.name = 'HibernatedCommonsError'
  }
}

/** Throws HibernatedCommonsError while the stack's Hibernated parameter is true. */
export function requireAwake(
  commons: Commons,
  undone: string,
  command: string
): void {
  if (commons.parameters[hibernatedParameter] === 'true') {
    throw new HibernatedCommonsError(commons, undone, command)
  }
}

function isMissingStack(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.name === 'ValidationError' &&
    /does not exist/.test(error.message)
  )
}

/** Reads the stack, or undefined when it does not exist. */
export async function findStack(
  cloudFormation: CloudFormationClient,
  stackName: string
) {
  try {
    const { Stacks } = await cloudFormation.send(
      new DescribeStacksCommand({ StackName: stackName })
    )
    return Stacks?.[0]
  } catch (error) {
    if (isMissingStack(error)) return undefined
    throw error
  }
}

/**
 * Finds the commons that deploy made: its status, parameters and the outputs
 * every other command needs (instance, target group, listeners, URL).
 */
export async function findCommons(
  cloudFormation: CloudFormationClient,
  stackName: string,
  region: string
): Promise<Commons> {
  const stack = await findStack(cloudFormation, stackName)
  if (!stack) throw new StackNotFoundError(stackName, region)

  return commonsOf(
    stackName,
    stack.StackStatus ?? 'UNKNOWN',
    outputsOf(stack),
    parametersOf(stack)
  )
}

/**
 * The commons from a stack's status, outputs and parameters by key, once
 * every output the other commands need is there.
 */
export function commonsOf(
  stackName: string,
  status: string,
  outputsByKey: Record<string, string>,
  parameters: Record<string, string>
): Commons {
  const missing = Object.values(outputKeys).filter((key) => !outputsByKey[key])
  if (missing.length > 0) {
    throw new IncompleteStackError(stackName, status, missing)
  }

  const outputs = Object.fromEntries(
    Object.entries(outputKeys).map(([name, key]) => [name, outputsByKey[key]])
  ) as unknown as CommonsOutputs

  return { stackName, stackStatus: status, parameters, outputs }
}

/** The stack's parameters by key. */
export function parametersOf(stack: Stack): Record<string, string> {
  return Object.fromEntries(
    (stack.Parameters ?? []).map((parameter) => [
      parameter.ParameterKey ?? '',
      parameter.ParameterValue ?? ''
    ])
  )
}

/** The stack's outputs by key (Url, InstanceId, …). */
export function outputsOf(stack: Stack): Record<string, string> {
  return Object.fromEntries(
    (stack.Outputs ?? []).map((output) => [
      output.OutputKey ?? '',
      output.OutputValue ?? ''
    ])
  )
}
