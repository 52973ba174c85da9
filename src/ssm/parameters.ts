import type { SSMClient } from '@aws-sdk/client-ssm'
import { GetParameterCommand, PutParameterCommand } from '@aws-sdk/client-ssm'

import type { Reporter } from '../report/reporter.js'

/**
 * Every SSM parameter of a stack lives under this path, so that the
 * instance's role can read exactly these and destroy can delete them all.
 */
export function parameterPath(stackName: string): string {
  return `/gen3-poc/${stackName}/`
}

/** The parameters that hold the OAuth client fence logs users in with. */
export function oauthParameterNames(stackName: string) {
  const path = parameterPath(stackName)
  return {
    clientId: `${path}oauth-client-id`,
    clientSecret: `${path}oauth-client-secret`
  }
}

/** A standard parameter holds at most 4,096 characters (AWS docs: PutParameter). */
const valueLimit = 4096

export interface OauthClient {
  clientId: string
  clientSecret: string
}

export type SecretState = 'stored' | 'unchanged' | 'kept' | 'missing'

export interface StoredOauthClient {
  /** True when a parameter was written: fence must read them again. */
  changed: boolean
  states: { clientId: SecretState; clientSecret: SecretState }
}

/**
 * Stores the OAuth client as SecureString parameters under the stack's
 * path, only when its value differs from what is stored. The values are
 * masked by the time they get here and never appear in a message.
 */
export async function storeOauthClient(
  ssm: SSMClient,
  stackName: string,
  client: OauthClient,
  reporter: Reporter
): Promise<StoredOauthClient> {
  const names = oauthParameterNames(stackName)
  const clientId = await storeOne(
    ssm,
    names.clientId,
    'oauth-client-id',
    client.clientId,
    reporter
  )
  const clientSecret = await storeOne(
    ssm,
    names.clientSecret,
    'oauth-client-secret',
    client.clientSecret,
    reporter
  )

  if (clientId === 'missing' || clientSecret === 'missing') {
    reporter.warning(
      'No OAuth client is stored for fence: nobody can log in until push-config runs with oauth-client-id and oauth-client-secret (pass them from GitHub secrets).'
    )
  }
  return {
    changed: clientId === 'stored' || clientSecret === 'stored',
    states: { clientId, clientSecret }
  }
}

async function storeOne(
  ssm: SSMClient,
  name: string,
  input: string,
  value: string,
  reporter: Reporter
): Promise<SecretState> {
  if (value.length > valueLimit) {
    throw new Error(
      `The ${input} input is ${value.length} characters long; an SSM parameter holds at most ${valueLimit}.`
    )
  }

  const stored = await read(ssm, name)
  if (value === '') {
    if (stored === undefined) return 'missing'
    reporter.notice(`${input} is empty: keeping the value stored in ${name}`)
    return 'kept'
  }
  if (stored === value) {
    reporter.info(`${name} already holds the ${input} given`)
    return 'unchanged'
  }

  await ssm.send(
    new PutParameterCommand({
      Name: name,
      Value: value,
      Type: 'SecureString',
      Overwrite: true,
      Tier: 'Standard',
      Description: `${input} for fence, read by the commons' instance`
    })
  )
  reporter.info(`Stored the ${input} in ${name} (SecureString)`)
  return 'stored'
}

async function read(ssm: SSMClient, name: string): Promise<string | undefined> {
  try {
    const response = await ssm.send(
      new GetParameterCommand({ Name: name, WithDecryption: true })
    )
    return response.Parameter?.Value
  } catch (error) {
    if (error instanceof Error && error.name === 'ParameterNotFound') {
      return undefined
    }
    throw error
  }
}
