import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  DescribeInstanceInformationCommand,
  PutParameterCommand,
  SendCommandCommand
} from '@aws-sdk/client-ssm'

import { AwsClients } from '../../src/aws/clients.js'
import { pushConfig } from '../../src/commands/push-config.js'
import type { Context } from '../../src/commands/context.js'
import { ConfigurationError } from '../../src/compose/finding.js'
import { UnhealthyCommonsError } from '../../src/compose/health.js'
import { AgentOfflineError } from '../../src/ssm/agent.js'
import { HibernatedCommonsError } from '../../src/stack/commons.js'
import { readDeclarations } from '../../src/inputs/declarations.js'
import { readInputs } from '../../src/inputs/read.js'
import { FakeClock } from '../fixtures/clock.js'
import { RecordingReporter } from '../fixtures/reporter.js'
import {
  callsCarrying,
  mockStack,
  ScriptedInstance,
  startCommons
} from '../compose/scripted-instance.js'

const declarations = readDeclarations(
  new URL('../../action.yml', import.meta.url)
).inputs

const clientId = '1234-abcd.apps.googleusercontent.com'
const clientSecret = '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sm'

const userYaml = `authz:
  resources:
  - name: programs
    subresources:
    - name: umccr
  policies:
  - id: umccr_reader
    role_ids: [reader]
    resource_paths: [/programs/umccr]
  roles:
  - id: reader
    permissions:
    - id: reader
      action: {service: peregrine, method: read}
users:
  alice@example.org:
    policies: [umccr_reader]
`

describe('push-config', () => {
  let root: string
  let configDir: string
  let commons: Awaited<ReturnType<typeof startCommons>>
  let clients: AwsClients
  let instance: ScriptedInstance
  let stackMock: ReturnType<typeof mockStack>
  let reporter: RecordingReporter

  beforeEach(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'gen3-poc-push-'))
    configDir = path.join(root, 'gen3', 'config')
    mkdirSync(configDir, { recursive: true })
    writeFileSync(path.join(configDir, 'user.yaml'), userYaml)
    writeFileSync(path.join(configDir, 'gitops.json'), '{"gaTrackingId": ""}\n')
    commons = await startCommons()
    clients = new AwsClients('ap-southeast-2')
    instance = new ScriptedInstance(clients.ssm)
    stackMock = mockStack(
      clients.cloudFormation,
      commons.url,
      instance.instanceId
    )
    reporter = new RecordingReporter()
  })

  afterEach(async () => {
    await commons.close()
    rmSync(root, { recursive: true, force: true })
  })

  function context(values: Record<string, string> = {}): Context {
    const given: Record<string, string> = {
      command: 'push-config',
      'config-dir': configDir,
      'oauth-client-id': clientId,
      'oauth-client-secret': clientSecret,
      'timeout-minutes': '30',
      ...values
    }
    return {
      inputs: readInputs((name) => given[name], declarations, reporter),
      reporter,
      env: {},
      clock: new FakeClock(),
      aws: () => clients
    }
  }

  const applied = () => instance.ran.map((script) => script.trim())

  it('pushes everything the first time, installs it and restarts what reads it', async () => {
    await pushConfig(context())

    expect(instance.pushedPaths().sort()).toEqual([
      '/opt/gen3-poc/bin/apply-config.sh',
      '/opt/gen3-poc/bin/behind-alb.sh',
      '/opt/gen3-poc/bin/provision.sh',
      '/opt/gen3-poc/bin/render-fence-config.sh',
      '/opt/gen3-poc/config/fence-config.yaml',
      '/opt/gen3-poc/config/gitops.json',
      '/opt/gen3-poc/config/user.yaml'
    ])
    expect(applied()).toEqual([
      "'bash' '/opt/gen3-poc/bin/apply-config.sh' '--region' 'ap-southeast-2' " +
        "'--client-id-parameter' '/gen3-poc/gen3-poc/oauth-client-id' " +
        "'--client-secret-parameter' '/gen3-poc/gen3-poc/oauth-client-secret' " +
        "'--restart' 'fence-service' '--restart' 'portal-service' '--restart' 'tube-service' '--sync-users'"
    ])
    expect(reporter.groups).toEqual([
      `Checking the configuration in ${configDir}`,
      'Storing the OAuth client in SSM Parameter Store',
      `Waiting for the SSM agent on ${instance.instanceId}`,
      `Pushing what changed to ${instance.instanceId}`,
      `Installing the configuration on ${instance.instanceId}`,
      `Checking the health of ${commons.url}`
    ])
  })

  it('lets the OAuth client reach AWS only in the two PutParameter calls that store it', async () => {
    await pushConfig(context())

    expect(
      instance.mock.calls().length + stackMock.calls().length
    ).toBeGreaterThan(8)
    expect(
      callsCarrying([instance.mock, stackMock], [clientId, clientSecret])
    ).toEqual([
      ['PutParameterCommand', '/gen3-poc/gen3-poc/oauth-client-id'],
      ['PutParameterCommand', '/gen3-poc/gen3-poc/oauth-client-secret']
    ])
  })

  it('keeps the OAuth client out of every command sent to the instance and out of the log', async () => {
    await pushConfig(context())

    expect(instance.sent.length).toBeGreaterThan(2)
    for (const input of instance.sent) {
      const parameters = JSON.stringify(input)
      expect(parameters).not.toContain(clientId)
      expect(parameters).not.toContain(clientSecret)
    }
    expect(reporter.everything()).not.toContain(clientId)
    expect(reporter.everything()).not.toContain(clientSecret)
    expect(
      instance.mock
        .commandCalls(PutParameterCommand)
        .map(({ args: [{ input }] }) => [input.Name, input.Type, input.Value])
    ).toEqual([
      ['/gen3-poc/gen3-poc/oauth-client-id', 'SecureString', clientId],
      ['/gen3-poc/gen3-poc/oauth-client-secret', 'SecureString', clientSecret]
    ])
    expect(reporter.secrets).toEqual([clientId, clientSecret])
  })

  it('sends and restarts nothing when the instance already has it all', async () => {
    await pushConfig(context())
    const sentBefore = instance.sent.length
    reporter = new RecordingReporter()

    await pushConfig(context())

    expect(instance.sent.length - sentBefore).toBe(1)
    expect(instance.ran).toHaveLength(1)
    expect(reporter.at('notice')).toEqual([
      `${instance.instanceId} already has the scripts and the configuration in ${configDir}: nothing to push`,
      `The configuration on ${instance.instanceId} is already as in ${configDir}: nothing to install or restart`
    ])
  })

  it('after a user.yaml change, sends that file alone and restarts fence with a user sync', async () => {
    await pushConfig(context())
    writeFileSync(
      path.join(configDir, 'user.yaml'),
      userYaml.replace('alice@example.org', 'bob@example.org')
    )
    instance.sent.length = 0

    await pushConfig(context())

    expect(instance.pushedPaths()).toEqual(['/opt/gen3-poc/config/user.yaml'])
    expect(applied().at(-1)).toMatch(
      /'--restart' 'fence-service' '--restart' 'tube-service' '--sync-users'$/
    )
  })

  it('restarts fence alone when only the OAuth client changed', async () => {
    await pushConfig(context())

    await pushConfig(context({ 'oauth-client-secret': 'GOCSPX-rotated' }))

    expect(applied().at(-1)).toMatch(/'--restart' 'fence-service'$/)
  })

  it("puts upstream's file back for one the repository no longer has", async () => {
    await pushConfig(context())
    rmSync(path.join(configDir, 'gitops.json'))

    await pushConfig(context())

    expect(applied().at(-1)).toMatch(
      /'--restart' 'portal-service' '--remove' 'gitops.json'$/
    )
  })

  it('brings the stack up again after an override', async () => {
    await pushConfig(context())
    writeFileSync(
      path.join(configDir, 'docker-compose.override.yml'),
      'services:\n  jupyter-service:\n    environment:\n      FRAME_ANCESTORS: https://gen3.example.org\n'
    )

    await pushConfig(context())

    expect(applied().at(-1)).toMatch(/'--recreate'$/)
  })

  it('stops before storing or sending anything when the configuration has an error', async () => {
    writeFileSync(path.join(configDir, 'fence-config.yaml'), 'BASE_ULR: x\n')

    await expect(pushConfig(context())).rejects.toBeInstanceOf(
      ConfigurationError
    )

    expect(instance.mock.commandCalls(SendCommandCommand)).toHaveLength(0)
    expect(instance.mock.commandCalls(PutParameterCommand)).toHaveLength(0)
    expect(reporter.lines.filter((line) => line.level === 'error')).toEqual([
      {
        level: 'error',
        message:
          "unknown fence setting 'BASE_ULR': upstream's fence-config.yaml has no such setting; did you mean 'BASE_URL'?",
        place: { file: `${configDir}/fence-config.yaml`, line: 1, column: 1 }
      }
    ])
  })

  it('with the domain given, checks the files before any AWS call', async () => {
    writeFileSync(path.join(configDir, 'fence-config.yaml'), 'BASE_ULR: x\n')

    await expect(
      pushConfig(context({ domain: 'gen3.example.org' }))
    ).rejects.toBeInstanceOf(ConfigurationError)

    expect(stackMock.calls()).toHaveLength(0)
    expect(instance.mock.calls()).toHaveLength(0)
  })

  it("checks the files again for the stack's own domain when the given one differs", async () => {
    await pushConfig(context({ domain: 'gen3.example.org' }))

    expect(
      reporter.groups.filter((group) =>
        group.startsWith('Checking the configuration')
      )
    ).toHaveLength(2)
    expect(instance.ran).not.toHaveLength(0)
  })

  it('stops at once for a hibernated commons, storing and sending nothing', async () => {
    stackMock.restore()
    stackMock = mockStack(
      clients.cloudFormation,
      commons.url,
      instance.instanceId,
      'true'
    )

    const failure = await pushConfig(context()).catch((error: unknown) => error)

    expect(failure).toBeInstanceOf(HibernatedCommonsError)
    expect((failure as Error).message).toBe(
      `Stack 'gen3-poc' is hibernated, so the configuration was not pushed to its instance ${instance.instanceId}: run resume, then push-config again.`
    )
    expect(instance.mock.commandCalls(PutParameterCommand)).toHaveLength(0)
    expect(instance.mock.calls()).toHaveLength(0)
  })

  it('gives up on an agent that stays offline after ten minutes, sending nothing', async () => {
    instance.mock.on(DescribeInstanceInformationCommand).resolves({
      InstanceInformationList: [
        { InstanceId: instance.instanceId, PingStatus: 'ConnectionLost' }
      ]
    })

    const failure = await pushConfig(context()).catch((error: unknown) => error)

    expect(failure).toBeInstanceOf(AgentOfflineError)
    expect((failure as Error).message).toMatch(
      new RegExp(
        `^The SSM agent on ${instance.instanceId} was not online after 600 s \\(its agent is ConnectionLost\\)\\. Check that the instance is running \\(resume it if it is hibernated\\)`
      )
    )
    expect(instance.sent).toHaveLength(0)
  })

  it('fails with the stderr tail when installing fails on the instance', async () => {
    instance.failure = {
      exitCode: 69,
      stderr:
        'compose-services is not installed in /opt/gen3/compose-services: run the deploy command first\n'
    }

    await expect(pushConfig(context())).rejects.toThrow(
      `'gen3-poc: apply user.yaml, fence-config.yaml, gitops.json' failed on ${instance.instanceId} with exit code 69:\n` +
        'compose-services is not installed in /opt/gen3/compose-services: run the deploy command first\n'
    )
  })

  it('fails naming the services whose health endpoints do not answer 200', async () => {
    commons.statuses.set('/user/.well-known/jwks', 502)

    const failure = await pushConfig(context({ 'timeout-minutes': '1' })).catch(
      (error: unknown) => error
    )

    expect(failure).toBeInstanceOf(UnhealthyCommonsError)
    expect((failure as Error).message).toMatch(
      /^After \d+ s, 1 of 7 health endpoints of http:\/\/127\.0\.0\.1:\d+ still fail: fence-service \(\/user\/\.well-known\/jwks\) answered 502\. /
    )
  })

  it('sums up the files, the restarts and the health in the job summary', async () => {
    await pushConfig(context())

    expect(reporter.summaries).toHaveLength(1)
    const summary = reporter.summaries[0] ?? ''
    expect(summary).toContain('### Configuration pushed\n')
    expect(summary).toContain('| `user.yaml` | updated |')
    expect(summary).toContain(
      "| `etlMapping.yaml` | not in the repository: upstream's |"
    )
    expect(summary).toContain(
      'OAuth client: id stored, secret stored (SSM SecureString parameters).'
    )
    expect(summary).toContain(
      "Restarts: restart fence-service, portal-service, tube-service, then sync user.yaml into arborist (fence's usersync)."
    )
    expect(summary).toMatch(
      /\| fence-service \| `\/user\/\.well-known\/jwks` \| 200 \| \d+ ms \|/
    )
    expect(reporter.outputs).toEqual({
      url: commons.url,
      'instance-id': instance.instanceId
    })
  })
})
