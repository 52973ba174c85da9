import type { SSMClient } from '@aws-sdk/client-ssm'
import {
  DeleteParametersCommand,
  GetParametersByPathCommand
} from '@aws-sdk/client-ssm'

import type { Reporter } from '../report/reporter.js'

/** DeleteParameters takes at most ten names a call (AWS docs: DeleteParameters). */
const batchSize = 10

async function namesUnder(ssm: SSMClient, path: string): Promise<string[]> {
  const names: string[] = []
  let token: string | undefined
  do {
    const page = await ssm.send(
      new GetParametersByPathCommand({
        Path: path,
        Recursive: true,
        MaxResults: batchSize,
        ...(token === undefined ? {} : { NextToken: token })
      })
    )
    for (const parameter of page.Parameters ?? []) {
      if (parameter.Name) names.push(parameter.Name)
    }
    token = page.NextToken
  } while (token)
  return names
}

/**
 * Deletes every SSM parameter under the path, ten at a time. Returns the
 * names deleted. Values are never read: the listing asks for no decryption.
 */
export async function removeParameters(
  ssm: SSMClient,
  path: string,
  reporter: Reporter
): Promise<string[]> {
  const names = await namesUnder(ssm, path.replace(/\/$/, ''))
  const deleted: string[] = []

  for (let start = 0; start < names.length; start += batchSize) {
    const batch = names.slice(start, start + batchSize)
    const { DeletedParameters } = await ssm.send(
      new DeleteParametersCommand({ Names: batch })
    )
    deleted.push(...(DeletedParameters ?? []))
  }
  for (const name of deleted) reporter.info(`Deleted SSM parameter ${name}`)
  return deleted
}
