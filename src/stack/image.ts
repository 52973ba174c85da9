import type { SSMClient } from '@aws-sdk/client-ssm'
import { GetParameterCommand } from '@aws-sdk/client-ssm'

/** The public parameter that names the AMI is missing or empty. */
export class ImageNotFoundError extends Error {
  constructor(parameterName: string, region: string, detail: string) {
    super(
      `Could not read the AMI id from the SSM parameter '${parameterName}' in ${region}: ${detail}. ` +
        'Check that the region is right and that the role may call ssm:GetParameter on it.'
    )
    this.name = 'ImageNotFoundError'
  }
}

/**
 * Reads the AMI id once, for a first create. Updates never look it up again,
 * so a newer AMI can never replace the instance.
 */
export async function resolveImageId(
  ssm: SSMClient,
  parameterName: string,
  region: string
): Promise<string> {
  try {
    const { Parameter } = await ssm.send(
      new GetParameterCommand({ Name: parameterName })
    )
    const value = Parameter?.Value
    if (!value) throw new ImageNotFoundError(parameterName, region, 'no value')
    return value
  } catch (error) {
    if (error instanceof Error && error.name === 'ParameterNotFound') {
      throw new ImageNotFoundError(parameterName, region, 'no such parameter')
    }
    throw error
  }
}
