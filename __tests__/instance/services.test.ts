import { beforeEach, describe, expect, it, jest } from '@jest/globals'
import { SSMClient } from '@aws-sdk/client-ssm'

import type { ShellCommand, ShellResult } from '../../src/ssm/command.js'
import { budget, instanceId } from './world.js'
import { printed } from '../fixtures/shell.js'

const runShell =
  jest.fn<
    (
      ssm: unknown,
      command: ShellCommand,
      deadline: unknown,
      reporter: unknown
    ) => Promise<ShellResult>
  >()
jest.unstable_mockModule('../../src/ssm/command.js', () => ({ runShell }))

const { composeUnit, ensureServicesUp, readServices, servicesScript } =
  await import('../../src/instance/services.js')

const client = new SSMClient({ region: 'ap-southeast-2' })

const allRunning = [
  'unit active',
  'service revproxy-service running',
  'service fence-service running',
  'service postgres running'
].join('\n')

beforeEach(() => {
  runShell.mockReset()
})

describe('the compose services after a wake', () => {
  it('names the unit once, as a constant', () => {
    expect(composeUnit).toBe('gen3-compose.service')
    expect(servicesScript()).toContain("unit='gen3-compose.service'")
  })

  it('starts the unit only when it is not active, then lists the containers', () => {
    expect(servicesScript().split('\n')).toEqual([
      'set -eu',
      "unit='gen3-compose.service'",
      'if systemctl is-active --quiet "$unit"; then',
      '  echo "unit active"',
      'else',
      '  systemctl start "$unit"',
      '  echo "unit started"',
      'fi',
      'docker ps --all --filter label=com.docker.compose.project \\',
      `  --format 'service {{.Label "com.docker.compose.service"}} {{.State}}'`
    ])
  })

  it('reads which services run and which do not', () => {
    expect(
      readServices(
        'unit started\nservice spark-service exited\nservice fence-service running\n\n'
      )
    ).toEqual({
      unitStarted: true,
      running: ['fence-service'],
      down: [{ service: 'spark-service', state: 'exited' }]
    })
  })

  it('runs the script on the instance within the time left', async () => {
    const { deadline, reporter } = budget(10)
    runShell.mockResolvedValue(printed(allRunning))

    const services = await ensureServicesUp(
      client,
      instanceId,
      deadline,
      reporter
    )

    expect(services).toEqual({
      unitStarted: false,
      running: ['fence-service', 'postgres', 'revproxy-service'],
      down: []
    })
    expect(runShell).toHaveBeenCalledTimes(1)
    expect(runShell.mock.calls[0]?.[1]).toEqual({
      instanceId,
      script: servicesScript(),
      comment: 'gen3-poc resume: make sure gen3-compose.service is up',
      timeoutSeconds: 600
    })
    expect(reporter.at('info')).toEqual([
      'gen3-compose.service was already active; 3 of 3 services running (0 s)'
    ])
    expect(reporter.at('warning')).toEqual([])
  })

  it('warns, without failing, about services that are not running', async () => {
    const { deadline, reporter } = budget()
    runShell.mockResolvedValue(
      printed(
        'unit started\nservice spark-service exited\nservice guppy-service restarting\nservice fence-service running'
      )
    )

    await ensureServicesUp(client, instanceId, deadline, reporter)

    expect(reporter.at('info')).toEqual([
      'started gen3-compose.service; 1 of 3 services running (0 s)'
    ])
    expect(reporter.at('warning')).toEqual([
      `2 compose services are not running on ${instanceId}: guppy-service (restarting), spark-service (exited). The commons may work without them; their logs say why (docker logs <name>).`
    ])
  })

  it('warns when there is no compose container at all', async () => {
    const { deadline, reporter } = budget()
    runShell.mockResolvedValue(printed('unit active\n'))

    await ensureServicesUp(client, instanceId, deadline, reporter)

    expect(reporter.at('warning')).toEqual([
      `gen3-compose.service is active but no compose container exists on ${instanceId}: run deploy to install compose-services again.`
    ])
  })

  it('fails with the error of the command when the unit cannot start', async () => {
    const { deadline, reporter } = budget()
    runShell.mockRejectedValue(
      new Error(
        'The command failed on i-0123456789abcdef0: Job for gen3-compose.service failed'
      )
    )

    await expect(
      ensureServicesUp(client, instanceId, deadline, reporter)
    ).rejects.toThrow(
      'The command failed on i-0123456789abcdef0: Job for gen3-compose.service failed'
    )
  })
})
