import type { Stack } from '@aws-sdk/client-cloudformation'

import type { ResourceChange } from './changes.js'
import { outputsOf, parametersOf } from './commons.js'

/** What a stack operation left behind, for outputs and summaries. */
export interface StackDeployment {
  stackName: string
  stackId: string
  /** False when the change set had nothing to do. */
  changed: boolean
  created: boolean
  status: string
  /** The stack's outputs by their keys (Url, InstanceId, …). */
  outputs: Record<string, string>
  parameters: Record<string, string>
  changes: ResourceChange[]
}

export function deploymentOf(
  stackName: string,
  stack: Stack,
  changed: boolean,
  created: boolean,
  changes: ResourceChange[]
): StackDeployment {
  return {
    stackName,
    stackId: stack.StackId ?? stackName,
    changed,
    created,
    status: stack.StackStatus ?? '',
    outputs: outputsOf(stack),
    parameters: parametersOf(stack),
    changes
  }
}
