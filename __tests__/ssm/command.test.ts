import { readFileSync } from 'node:fs'

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  CancelCommandCommand,
  GetCommandInvocationCommand,
  SendCommandCommand,
  SSMClient
} from '@aws-sdk/client-ssm'
import { mockClient } from 'aws-sdk-client-mock'

import {
  CommandFailedError,
  CommandNotDeliveredError,
  CommandTimeoutError,
  CommandTooLargeError,
  runShell
} from '../../src/ssm/command.js'
import { Deadline } from '../../src/wait/clock.js'
import { FakeClock } from '../fixtures/clock.js'
import { RecordingReporter } from '../fixtures/reporter.js'
import { FakeInstance } from './instance.js'

const hour = 3_600_000

describe('running a shell script on the instance', () => {
  let instance: FakeInstance
  let reporter: RecordingReporter
  let deadline: Deadline

  beforeEach(() => {
    instance = new FakeInstance()
    reporter = new RecordingReporter()
    deadline = new Deadline(new FakeClock(), hour)
  })

  afterEach(() => {
    instance.remove()
  })

  function run(script: string, extra: { logName?: string } = {}) {
    return runShell(
      instance.ssm,
      {
        instanceId: instance.instanceId,
        script,
        comment: 'gen3-poc: say hello',
        timeoutSeconds: 300,
        ...extra
      },
      deadline,
      reporter
    )
  }

  it('sends AWS-RunShellScript with its execution timeout and comment', async () => {
    await run('echo hello')

    expect(instance.sent).toHaveLength(1)
    expect(instance.sent[0]).toMatchObject({
      DocumentName: 'AWS-RunShellScript',
      InstanceIds: [instance.instanceId],
      Comment: 'gen3-poc: say hello',
      Parameters: { executionTimeout: ['300'] }
    })
  })

  it('cuts the comment to the 100 characters SSM accepts', async () => {
    await runShell(
      instance.ssm,
      {
        instanceId: instance.instanceId,
        script: 'true',
        comment: 'x'.repeat(150),
        timeoutSeconds: 60
      },
      deadline,
      reporter
    )

    expect(instance.sent[0]?.Comment).toBe('x'.repeat(100))
  })

  it('shows the output in the log and returns it', async () => {
    const result = await run('echo hello\necho "to stderr" >&2')

    expect(result).toMatchObject({
      stdout: 'hello\n',
      stderr: 'to stderr\n',
      exitCode: 0,
      truncated: false
    })
    expect(reporter.at('info')).toEqual(['hello', 'to stderr'])
  })

  it('waits through InvocationDoesNotExist right after sending, with backoff', async () => {
    await run('echo hello')

    const polls = instance.mock.commandCalls(GetCommandInvocationCommand)
    expect(polls).toHaveLength(2)
    expect(reporter.at('debug')).toContain(
      "'gen3-poc: say hello' on i-0123456789abcdef0: SSM has not registered it yet (0 s)"
    )
  })

  it('runs the script with bash and keeps its whole output on the instance', async () => {
    await run('echo "${BASH_VERSION:+bash}"\necho oops >&2', {
      logName: 'provision'
    })

    const log = instance.path('var/log/gen3-poc/provision')
    expect(readFileSync(`${log}.out`, 'utf8')).toBe('bash\n')
    expect(readFileSync(`${log}.err`, 'utf8')).toBe('oops\n')
    expect(readFileSync(`${log}.log`, 'utf8')).toMatch(
      /^== \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ gen3-poc: say hello \(exit 0\)\nbash\noops\n$/
    )
  })

  it('fails on a non-zero exit with the tail of stderr and where the whole output is', async () => {
    const script = [
      'for i in $(seq 1 30); do echo "step $i" >&2; done',
      'echo "disk full" >&2',
      'exit 3'
    ].join('\n')

    const failure = await run(script, { logName: 'provision' }).catch(
      (error: unknown) => error
    )

    expect(failure).toBeInstanceOf(CommandFailedError)
    const tail = [
      ...Array.from({ length: 19 }, (_, i) => `step ${i + 12}`),
      'disk full'
    ].join('\n')
    expect((failure as Error).message).toBe(
      `'gen3-poc: say hello' failed on i-0123456789abcdef0 with exit code 3:\n${tail}\n` +
        'The whole output is in /var/log/gen3-poc/provision.out and /var/log/gen3-poc/provision.err on the instance ' +
        '(aws ssm start-session --target i-0123456789abcdef0).'
    )
    expect((failure as CommandFailedError).exitCode).toBe(3)
  })

  it('shows the end of a long output and says where its start is', async () => {
    const result = await run(
      'for i in $(seq 1 5000); do echo "line $i of a long output"; done',
      { logName: 'provision' }
    )

    expect(result.truncated).toBe(true)
    expect(result.stdout.length).toBeLessThan(24_000)
    expect(result.stdout.trimEnd().endsWith('line 5000 of a long output')).toBe(
      true
    )
    const whole = readFileSync(
      instance.path('var/log/gen3-poc/provision.out'),
      'utf8'
    )
    expect(reporter.at('notice')).toEqual([
      `The log above shows the end of stdout; its first ${whole.length - 20_000} bytes are only in ${instance.path('var/log/gen3-poc/provision.out')} on the instance.`
    ])
  })

  it('says when SSM cut stdout at 24,000 characters and stderr at 8,000', async () => {
    const ssm = new SSMClient({ region: 'us-east-1' })
    const mock = mockClient(ssm)
    mock.on(SendCommandCommand).resolves({ Command: { CommandId: 'c-1' } })
    mock.on(GetCommandInvocationCommand).resolves({
      Status: 'Success',
      StatusDetails: 'Success',
      ResponseCode: 0,
      StandardOutputContent: 'x'.repeat(23_977) + '\n---Output truncated---',
      StandardErrorContent: 'y'.repeat(7_977) + '\n---Error truncated----'
    })

    const result = await runShell(
      ssm,
      {
        instanceId: 'i-1',
        script: 'true',
        comment: 'c',
        timeoutSeconds: 60,
        logName: 'provision'
      },
      deadline,
      reporter
    )

    expect(result.truncated).toBe(true)
    expect(reporter.at('notice')).toEqual([
      'SSM cut stdout at 24,000 characters; the whole of it is in /var/log/gen3-poc/provision.out on the instance.',
      'SSM cut stderr at 8,000 characters; the whole of it is in /var/log/gen3-poc/provision.err on the instance.'
    ])
  })

  it('shows quiet output at debug level only', async () => {
    await runShell(
      instance.ssm,
      {
        instanceId: instance.instanceId,
        script: 'echo plumbing',
        comment: 'c',
        timeoutSeconds: 60,
        quiet: true
      },
      deadline,
      reporter
    )

    expect(reporter.at('info')).toEqual([])
    expect(reporter.at('debug')).toContain('plumbing')
  })

  it('refuses a script larger than one command can carry', async () => {
    const failure = await run(`: '${'x'.repeat(50_000)}'`).catch(
      (error: unknown) => error
    )

    expect(failure).toBeInstanceOf(CommandTooLargeError)
    expect((failure as Error).message).toMatch(
      /^'gen3-poc: say hello' is \d+ bytes once wrapped, more than the 48000 one SSM command can carry: install it with pushFiles and run the file\.$/
    )
    expect(instance.sent).toHaveLength(0)
  })

  it('refuses a log name that could escape the log folder', async () => {
    await expect(run('true', { logName: '../etc/passwd' })).rejects.toThrow(
      "'../etc/passwd' cannot name a log file"
    )
  })
})

describe('a command that does not end in time', () => {
  function stuck(status: Record<string, unknown>) {
    const ssm = new SSMClient({ region: 'us-east-1' })
    const mock = mockClient(ssm)
    mock.on(SendCommandCommand).resolves({ Command: { CommandId: 'c-1' } })
    mock.on(GetCommandInvocationCommand).resolves(status)
    mock.on(CancelCommandCommand).resolves({})
    return { ssm, mock }
  }

  const command = {
    instanceId: 'i-1',
    script: 'sleep 1000',
    comment: 'gen3-poc: install compose-services',
    timeoutSeconds: 600,
    logName: 'provision'
  }

  it('gives up after its own timeout, cancels it and says where its output is', async () => {
    const { ssm, mock } = stuck({ Status: 'InProgress' })
    const clock = new FakeClock()

    const failure = await runShell(
      ssm,
      command,
      new Deadline(clock, 5 * hour),
      new RecordingReporter()
    ).catch((error: unknown) => error)

    expect(failure).toBeInstanceOf(CommandTimeoutError)
    expect((failure as Error).message).toBe(
      "Gave up waiting for 'gen3-poc: install compose-services' on i-1 after 660 s (it is InProgress) and cancelled it. " +
        'It is allowed 600 s. Its output so far is in /var/log/gen3-poc/provision.out and /var/log/gen3-poc/provision.err on the instance.'
    )
    expect(mock.commandCalls(CancelCommandCommand)[0]?.args[0].input).toEqual({
      CommandId: 'c-1',
      InstanceIds: ['i-1']
    })
  })

  it('gives up when the command budget runs out first, pointing at timeout-minutes', async () => {
    const { ssm } = stuck({ Status: 'Pending' })

    const failure = await runShell(
      ssm,
      command,
      new Deadline(new FakeClock(), 120_000),
      new RecordingReporter()
    ).catch((error: unknown) => error)

    expect((failure as Error).message).toBe(
      "Gave up waiting for 'gen3-poc: install compose-services' on i-1 after 120 s (it is Pending) and cancelled it. " +
        'Raise timeout-minutes if it needs longer. Its output so far is in /var/log/gen3-poc/provision.out and /var/log/gen3-poc/provision.err on the instance.'
    )
  })

  it('reports a script that SSM stopped at its execution timeout', async () => {
    const { ssm } = stuck({
      Status: 'TimedOut',
      StatusDetails: 'ExecutionTimedOut',
      ResponseCode: -1,
      StandardOutputContent: 'pulling images\n'
    })

    const failure = await runShell(
      ssm,
      command,
      new Deadline(new FakeClock(), hour),
      new RecordingReporter()
    ).catch((error: unknown) => error)

    expect(failure).toBeInstanceOf(CommandTimeoutError)
    expect((failure as Error).message).toBe(
      "'gen3-poc: install compose-services' ran out of its 600 s on i-1 and was stopped. " +
        'Its output so far is in /var/log/gen3-poc/provision.out and /var/log/gen3-poc/provision.err on the instance.'
    )
  })

  it('reports a command that never reached the agent', async () => {
    const { ssm } = stuck({
      Status: 'TimedOut',
      StatusDetails: 'DeliveryTimedOut',
      ResponseCode: -1
    })

    const failure = await runShell(
      ssm,
      command,
      new Deadline(new FakeClock(), hour),
      new RecordingReporter()
    ).catch((error: unknown) => error)

    expect(failure).toBeInstanceOf(CommandNotDeliveredError)
    expect((failure as Error).message).toBe(
      "'gen3-poc: install compose-services' never reached i-1 (DeliveryTimedOut): the instance may be stopped or hibernated, or its SSM agent offline. Run resume, or check the agent with the status command."
    )
  })
})
