import { describe, expect, it } from '@jest/globals'
import {
  GetParameterCommand,
  ParameterNotFound,
  PutParameterCommand,
  SSMClient
} from '@aws-sdk/client-ssm'
import { mockClient } from 'aws-sdk-client-mock'

import {
  oauthParameterNames,
  parameterPath,
  storeOauthClient
} from '../../src/ssm/parameters.js'
import { RecordingReporter } from '../fixtures/reporter.js'

const client = {
  clientId: 'id-1234.apps.example',
  clientSecret: 's3cr3t-value'
}

/** An SSM client backed by an in-memory parameter store. */
function store(initial: Record<string, string> = {}) {
  const ssm = new SSMClient({ region: 'us-east-1' })
  const mock = mockClient(ssm)
  const values = new Map(Object.entries(initial))
  mock.on(GetParameterCommand).callsFake((input: { Name: string }) => {
    const value = values.get(input.Name)
    if (value === undefined) {
      throw new ParameterNotFound({ message: '', $metadata: {} })
    }
    return { Parameter: { Name: input.Name, Value: value } }
  })
  mock
    .on(PutParameterCommand)
    .callsFake((input: { Name: string; Value: string }) => {
      values.set(input.Name, input.Value)
      return { Version: 1 }
    })
  return { ssm, mock, values }
}

describe('the SSM parameters of a stack', () => {
  it('live under /gen3-poc/<stack-name>/', () => {
    expect(parameterPath('gen3-poc')).toBe('/gen3-poc/gen3-poc/')
    expect(oauthParameterNames('centre-poc')).toEqual({
      clientId: '/gen3-poc/centre-poc/oauth-client-id',
      clientSecret: '/gen3-poc/centre-poc/oauth-client-secret'
    })
  })
})

describe('storing the OAuth client', () => {
  it('writes both values as SecureString parameters, overwriting', async () => {
    const { ssm, mock } = store()
    const reporter = new RecordingReporter()

    const stored = await storeOauthClient(ssm, 'gen3-poc', client, reporter)

    expect(stored).toEqual({
      changed: true,
      states: { clientId: 'stored', clientSecret: 'stored' }
    })
    expect(
      mock.commandCalls(PutParameterCommand).map((call) => call.args[0].input)
    ).toEqual([
      {
        Name: '/gen3-poc/gen3-poc/oauth-client-id',
        Value: client.clientId,
        Type: 'SecureString',
        Overwrite: true,
        Tier: 'Standard',
        Description: "oauth-client-id for fence, read by the commons' instance"
      },
      {
        Name: '/gen3-poc/gen3-poc/oauth-client-secret',
        Value: client.clientSecret,
        Type: 'SecureString',
        Overwrite: true,
        Tier: 'Standard',
        Description:
          "oauth-client-secret for fence, read by the commons' instance"
      }
    ])
    expect(reporter.at('info')).toEqual([
      'Stored the oauth-client-id in /gen3-poc/gen3-poc/oauth-client-id (SecureString)',
      'Stored the oauth-client-secret in /gen3-poc/gen3-poc/oauth-client-secret (SecureString)'
    ])
  })

  it('writes nothing when the stored values are the same', async () => {
    const { ssm, mock } = store({
      '/gen3-poc/gen3-poc/oauth-client-id': client.clientId,
      '/gen3-poc/gen3-poc/oauth-client-secret': client.clientSecret
    })

    const stored = await storeOauthClient(
      ssm,
      'gen3-poc',
      client,
      new RecordingReporter()
    )

    expect(stored.changed).toBe(false)
    expect(mock.commandCalls(PutParameterCommand)).toHaveLength(0)
  })

  it('keeps the stored values when the inputs are empty', async () => {
    const { ssm, mock } = store({
      '/gen3-poc/gen3-poc/oauth-client-id': client.clientId,
      '/gen3-poc/gen3-poc/oauth-client-secret': client.clientSecret
    })
    const reporter = new RecordingReporter()

    const stored = await storeOauthClient(
      ssm,
      'gen3-poc',
      { clientId: '', clientSecret: '' },
      reporter
    )

    expect(stored).toEqual({
      changed: false,
      states: { clientId: 'kept', clientSecret: 'kept' }
    })
    expect(mock.commandCalls(PutParameterCommand)).toHaveLength(0)
    expect(reporter.at('notice')).toEqual([
      'oauth-client-id is empty: keeping the value stored in /gen3-poc/gen3-poc/oauth-client-id',
      'oauth-client-secret is empty: keeping the value stored in /gen3-poc/gen3-poc/oauth-client-secret'
    ])
  })

  it('warns that nobody can log in when no client is given or stored', async () => {
    const { ssm } = store()
    const reporter = new RecordingReporter()

    await storeOauthClient(
      ssm,
      'gen3-poc',
      { clientId: '', clientSecret: '' },
      reporter
    )

    expect(reporter.at('warning')).toEqual([
      'No OAuth client is stored for fence: nobody can log in until push-config runs with oauth-client-id and oauth-client-secret (pass them from GitHub secrets).'
    ])
  })

  it('refuses a value longer than a standard parameter holds', async () => {
    const { ssm } = store()

    await expect(
      storeOauthClient(
        ssm,
        'gen3-poc',
        { clientId: 'x'.repeat(4097), clientSecret: 'y' },
        new RecordingReporter()
      )
    ).rejects.toThrow(
      'The oauth-client-id input is 4097 characters long; an SSM parameter holds at most 4096.'
    )
  })

  it('never says the values in the log', async () => {
    const { ssm } = store({ '/gen3-poc/gen3-poc/oauth-client-id': 'old-id' })
    const reporter = new RecordingReporter()

    await storeOauthClient(ssm, 'gen3-poc', client, reporter)

    expect(reporter.everything()).not.toContain(client.clientId)
    expect(reporter.everything()).not.toContain(client.clientSecret)
  })
})
