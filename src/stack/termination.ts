import type { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import { UpdateTerminationProtectionCommand } from '@aws-sdk/client-cloudformation'

/**
 * Turns the stack's termination protection on or off. Change sets cannot
 * carry it, so it is its own call.
 */
export async function setTerminationProtection(
  cloudFormation: CloudFormationClient,
  stackName: string,
  enabled: boolean
): Promise<void> {
  await cloudFormation.send(
    new UpdateTerminationProtectionCommand({
      StackName: stackName,
      EnableTerminationProtection: enabled
    })
  )
}
