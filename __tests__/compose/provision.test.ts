import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'

import { AwsClients } from '../../src/aws/clients.js'
import type { Context } from '../../src/commands/context.js'
import { composeUnit } from '../../src/compose/layout.js'
import {
  provisionDeployed,
  provisionInstance
} from '../../src/compose/provision.js'
import { checkConfiguration } from '../../src/compose/configuration.js'
import { instanceScripts } from '../../src/compose/scripts.js'
import { readDeclarations } from '../../src/inputs/declarations.js'
import { readInputs } from '../../src/inputs/read.js'
import {
  findCommons,
  HibernatedCommonsError,
  outputKeys
} from '../../src/stack/commons.js'
import type { StackDeployment } from '../../src/stack/deployment.js'
import { Deadline } from '../../src/wait/clock.js'
import { FakeClock } from '../fixtures/clock.js'
import { RecordingReporter } from '../fixtures/reporter.js'
import {
  callsCarrying,
  mockStack,
  ScriptedInstance,
  startCommons
} from './scripted-instance.js'

const declarations = readDeclarations(
  new URL('../../action.yml', import.meta.url)
).inputs
const secret = 'GOCSPX-provisioning-secret'

describe('provisioning the instance', () => {
  let root: string
  let commons: Awaited<ReturnType<typeof startCommons>>
  let clients: AwsClients
  let instance: ScriptedInstance
  let stackMock: ReturnType<typeof mockStack>
  let reporter: RecordingReporter
  let context: Context

  beforeEach(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'gen3-poc-provision-'))
    const configDir = path.join(root, 'config')
    mkdirSync(configDir)
    writeFileSync(path.join(configDir, 'user.yaml'), 'users: {}\n')
    commons = await startCommons()
    clients = new AwsClients('eu-west-1')
    instance = new ScriptedInstance(clients.ssm)
    stackMock = mockStack(
      clients.cloudFormation,
      commons.url,
      instance.instanceId
    )
    reporter = new RecordingReporter()
    const given: Record<string, string> = {
      command: 'deploy',
      domain: 'gen3.example.org',
      'hosted-zone-id': 'Z0123456789ABC',
      'config-dir': configDir,
      'oauth-client-id': 'client-id-value',
      'oauth-client-secret': secret
    }
    context = {
      inputs: readInputs((name) => given[name], declarations, reporter),
      reporter,
      env: {},
      clock: new FakeClock(),
      aws: () => clients
    }
  })

  afterEach(async () => {
    await commons.close()
    rmSync(root, { recursive: true, force: true })
  })

  async function provision() {
    const found = await findCommons(
      clients.cloudFormation,
      'gen3-poc',
      'eu-west-1'
    )
    return provisionInstance(
      context,
      found,
      new Deadline(context.clock, 3_600_000)
    )
  }

  it('pushes the scripts and configuration, then runs provision.sh at the pinned commit', async () => {
    const report = await provision()

    expect(instance.ran.map((script) => script.trim())).toEqual([
      "'bash' '/opt/gen3-poc/bin/provision.sh' '--domain' '127.0.0.1' " +
        "'--ref' 'a44a15f84f23bfb57dfb680060c1a1082e815257' '--region' 'eu-west-1' " +
        "'--client-id-parameter' '/gen3-poc/gen3-poc/oauth-client-id' " +
        "'--client-secret-parameter' '/gen3-poc/gen3-poc/oauth-client-secret' " +
        "'--restart' 'fence-service' '--restart' 'tube-service' '--sync-users'"
    ])
    expect(instance.sent.at(-1)).toMatchObject({
      Comment: 'gen3-poc: provision compose-services a44a15f for 127.0.0.1',
      Parameters: { executionTimeout: ['3600'] }
    })
    expect(report.health.every((result) => result.healthy)).toBe(true)
    expect(reporter.groups.slice(-2)).toEqual([
      `Installing compose-services a44a15f on ${instance.instanceId}`,
      `Checking the health of ${commons.url}`
    ])
    expect(reporter.summaries[0]).toContain('### compose-services installed\n')
  })

  it('runs provision.sh again on a second deploy, pushing nothing new', async () => {
    await provision()
    instance.sent.length = 0

    await provision()

    expect(instance.pushedPaths()).toEqual([])
    expect(instance.ran).toHaveLength(2)
    expect(instance.ran[1]).not.toContain('--restart')
  })

  it('never puts the OAuth client in a command', async () => {
    await provision()

    for (const input of instance.sent) {
      expect(JSON.stringify(input)).not.toContain(secret)
      expect(JSON.stringify(input)).not.toContain('client-id-value')
    }
    expect(
      callsCarrying([instance.mock, stackMock], [secret, 'client-id-value'])
    ).toEqual([
      ['PutParameterCommand', '/gen3-poc/gen3-poc/oauth-client-id'],
      ['PutParameterCommand', '/gen3-poc/gen3-poc/oauth-client-secret']
    ])
    expect(reporter.everything()).not.toContain(secret)
    expect(reporter.everything()).not.toContain('client-id-value')
    expect(
      instance.parameters.get('/gen3-poc/gen3-poc/oauth-client-secret')
    ).toBe(secret)
  })

  it('installs the systemd unit the other parts name', () => {
    const provisionScript = instanceScripts()
      .find((script) => script.path.endsWith('/provision.sh'))
      ?.content.toString()

    expect(composeUnit).toBe('gen3-compose.service')
    expect(provisionScript).toContain(`unit=${composeUnit}\n`)
  })

  /** What deploy hands over once the stack is ready. */
  function deployment(
    parameters: Record<string, string>,
    left: string[] = []
  ): StackDeployment {
    const values: Record<string, string> = {
      Url: commons.url,
      InstanceId: instance.instanceId
    }
    return {
      stackName: 'gen3-poc',
      stackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/gen3-poc/1',
      changed: true,
      created: true,
      status: 'CREATE_COMPLETE',
      outputs: Object.fromEntries(
        Object.values(outputKeys)
          .filter((key) => !left.includes(key))
          .map((key) => [key, values[key] ?? `value-of-${key}`])
      ),
      parameters,
      changes: []
    }
  }

  it('after deploy, installs on the instance the stack names, with the configuration deploy checked', async () => {
    const configuration = await checkConfiguration(context, '127.0.0.1')

    const report = await provisionDeployed(
      context,
      deployment({ Hibernated: 'false' }),
      configuration,
      new Deadline(context.clock, 3_600_000)
    )

    expect(report.rollout.configuration).toBe(configuration)
    expect(instance.ran).toHaveLength(1)
    expect(instance.ran[0]).toMatch(
      /^'bash' '\/opt\/gen3-poc\/bin\/provision\.sh' '--domain' '127\.0\.0\.1' /
    )
    expect(
      reporter.groups.filter((group) =>
        group.startsWith('Checking the configuration')
      )
    ).toHaveLength(1)
  })

  it('fails before a hibernated commons, leaving it asleep and saying what to do', async () => {
    const configuration = await checkConfiguration(context, '127.0.0.1')

    const provisioning = provisionDeployed(
      context,
      deployment({ Hibernated: 'true' }),
      configuration,
      new Deadline(context.clock, 3_600_000)
    )

    await expect(provisioning).rejects.toThrow(HibernatedCommonsError)
    await expect(provisioning).rejects.toThrow(
      `Stack 'gen3-poc' is hibernated, so compose-services and the configuration were not installed on its instance ${instance.instanceId}: run resume, then deploy again.`
    )
    expect(instance.mock.calls()).toHaveLength(0)
  })

  it('names the outputs a deployment lacks instead of guessing the instance', async () => {
    const configuration = await checkConfiguration(context, '127.0.0.1')

    await expect(
      provisionDeployed(
        context,
        deployment({ Hibernated: 'false' }, ['InstanceId', 'Url']),
        configuration,
        new Deadline(context.clock, 3_600_000)
      )
    ).rejects.toThrow(
      "The stack 'gen3-poc' is CREATE_COMPLETE and has no Url, InstanceId output yet: wait for deploy to finish, or run deploy again."
    )
    expect(instance.mock.calls()).toHaveLength(0)
  })
})
