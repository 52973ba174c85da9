import type { AwsClients } from '../aws/clients.js'
import type { ProbeResult } from '../http/probe.js'
import { findStack } from './commons.js'
import { outputsOf, parametersOf } from './commons.js'
import type { InstanceView } from './instance.js'
import { describeInstance } from './instance.js'
import {
  hibernatedParameter,
  natGatewayRemovedParameter
} from './stack-parameters.js'
import { notFound } from './stack-state.js'
import type { TargetHealth } from './target-health.js'
import { readTargetHealth } from './target-health.js'

/** Where the commons stands; the `status` output is this as JSON. */
export interface CommonsStatus {
  stackName: string
  region: string
  stack: {
    /** The stack's status, or NOT_FOUND. */
    status: string
    reason: string | null
    /** The Hibernated parameter: whether the commons is meant to sleep. */
    hibernated: boolean | null
    /** NatGatewayRemoved: null when the stack has no NAT gateway of its own. */
    natGatewayRemoved: boolean | null
    terminationProtection: boolean | null
  }
  url: string | null
  instance: InstanceView | null
  targets: TargetHealth[]
  probe: {
    url: string
    status: number | null
    latencyMilliseconds: number
    error: string | null
  } | null
}

/**
 * Reads the stack, the instance, the target group's health and probes the
 * URL over HTTPS. Parts that are missing (no stack yet, no outputs yet) are
 * null; nothing here changes anything.
 */
export async function gatherStatus(
  clients: AwsClients,
  stackName: string,
  probeUrl: (url: string) => Promise<ProbeResult>
): Promise<CommonsStatus> {
  const stack = await findStack(clients.cloudFormation, stackName)
  if (!stack) {
    return {
      stackName,
      region: clients.region,
      stack: {
        status: notFound,
        reason: null,
        hibernated: null,
        natGatewayRemoved: null,
        terminationProtection: null
      },
      url: null,
      instance: null,
      targets: [],
      probe: null
    }
  }

  const outputs = outputsOf(stack)
  const parameters = parametersOf(stack)
  const url = outputs.Url || undefined
  const instanceId = outputs.InstanceId || undefined
  const targetGroupArn = outputs.TargetGroupArn || undefined

  const [instance, targets, probed] = await Promise.all([
    instanceId ? describeInstance(clients.ec2, instanceId) : undefined,
    targetGroupArn ? readTargetHealth(clients.elbv2, targetGroupArn) : [],
    url ? probeUrl(url) : undefined
  ])

  const flag = (key: string) => {
    const value = parameters[key]
    return value === undefined ? null : value === 'true'
  }
  return {
    stackName,
    region: clients.region,
    stack: {
      status: stack.StackStatus ?? '',
      reason: stack.StackStatusReason ?? null,
      hibernated: flag(hibernatedParameter),
      natGatewayRemoved: flag(natGatewayRemovedParameter),
      terminationProtection: stack.EnableTerminationProtection ?? null
    },
    url: url ?? null,
    instance: instance ?? null,
    targets,
    probe: probed
      ? {
          url: probed.url,
          status: probed.status ?? null,
          latencyMilliseconds: probed.latencyMilliseconds,
          error: probed.error ?? null
        }
      : null
  }
}
