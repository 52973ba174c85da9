import type {
  GetCommandInvocationCommandOutput,
  SSMClient
} from '@aws-sdk/client-ssm'
import {
  CancelCommandCommand,
  GetCommandInvocationCommand,
  SendCommandCommand
} from '@aws-sdk/client-ssm'

import type { Reporter } from '../report/reporter.js'
import { Deadline } from '../wait/clock.js'
import { waitFor, WaitTimeoutError } from '../wait/poll.js'
import type { OutputCut } from './script.js'
import {
  commandTextLimitBytes,
  findCuts,
  isLogName,
  logFiles,
  tailOf,
  wrapScript
} from './script.js'

/** A shell script to run on the instance through SSM Run Command. */
export interface ShellCommand {
  instanceId: string
  /** A bash script; it must not hold a secret, since SSM keeps its text. */
  script: string
  /** Shown in the SSM console; cut to 100 characters. */
  comment: string
  timeoutSeconds: number
  /**
   * Names the files under /var/log/gen3-poc that keep the whole output
   * (letters, digits and hyphens); 'command' when not given.
   */
  logName?: string
  /** Show the output at debug level only, for chatty plumbing. */
  quiet?: boolean
}

export interface ShellResult {
  stdout: string
  stderr: string
  exitCode: number
  /** True when part of the output is only in the log files on the instance. */
  truncated: boolean
  cuts: OutputCut[]
  /** The files on the instance with the whole output. */
  logs: { stdout: string; stderr: string; history: string }
}

/** Seconds allowed beyond a command's own timeout for delivery and results. */
const graceSeconds = 60

/** The script failed on the instance: its exit code and stderr's tail. */
export class CommandFailedError extends Error {
  constructor(
    readonly comment: string,
    readonly instanceId: string,
    readonly exitCode: number,
    readonly stderrTail: string,
    readonly logs: ShellResult['logs']
  ) {
    super(
      `'${comment}' failed on ${instanceId} with exit code ${exitCode}` +
        (stderrTail ? `:\n${stderrTail}\n` : '. ') +
        `The whole output is in ${logs.stdout} and ${logs.stderr} on the instance ` +
        `(aws ssm start-session --target ${instanceId}).`
    )
    this.name = 'CommandFailedError'
  }
}

/** The script ran out of time, on the instance or while we waited. */
export class CommandTimeoutError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CommandTimeoutError'
  }
}

/** SSM never handed the command to the instance's agent. */
export class CommandNotDeliveredError extends Error {
  constructor(comment: string, instanceId: string, details: string) {
    super(
      `'${comment}' never reached ${instanceId} (${details}): the instance may be stopped or hibernated, or its SSM agent offline. Run resume, or check the agent with the status command.`
    )
    this.name = 'CommandNotDeliveredError'
  }
}

/** The script is too large for one SendCommand: push it as a file. */
export class CommandTooLargeError extends Error {
  constructor(comment: string, bytes: number) {
    super(
      `'${comment}' is ${bytes} bytes once wrapped, more than the ${commandTextLimitBytes} one SSM command can carry: install it with pushFiles and run the file.`
    )
    this.name = 'CommandTooLargeError'
  }
}

const running = new Set(['Pending', 'InProgress', 'Delayed', 'Cancelling'])

/**
 * Runs a bash script on the instance, waits for it with backoff, shows its
 * output, and fails with stderr's tail when it exits non-zero. The whole
 * output stays in /var/log/gen3-poc on the instance.
 */
export async function runShell(
  ssm: SSMClient,
  command: ShellCommand,
  deadline: Deadline,
  reporter: Reporter
): Promise<ShellResult> {
  const logName = command.logName ?? 'command'
  if (!isLogName(logName)) {
    throw new Error(`'${logName}' cannot name a log file`)
  }
  const comment = command.comment.slice(0, 100)
  const text = wrapScript(command.script, logName, comment)
  const bytes = Buffer.byteLength(text)
  if (bytes > commandTextLimitBytes) {
    throw new CommandTooLargeError(comment, bytes)
  }
  const logs = logFiles(logName)

  const commandId = await send(ssm, command, comment, text)
  reporter.debug(`SSM command ${commandId}: ${comment}`)

  const invocation = await awaitInvocation(
    ssm,
    command,
    commandId,
    deadline,
    reporter
  )
  const stdout = invocation.StandardOutputContent ?? ''
  const stderr = invocation.StandardErrorContent ?? ''
  const exitCode = invocation.ResponseCode ?? -1
  const cuts = findCuts(stdout, stderr, logName)

  show(stdout, stderr, command.quiet === true, reporter)
  for (const cut of cuts) reporter.notice(describeCut(cut))

  const status = invocation.Status ?? 'Unknown'
  const details = invocation.StatusDetails ?? status
  if (details === 'DeliveryTimedOut' || details === 'Undeliverable') {
    throw new CommandNotDeliveredError(comment, command.instanceId, details)
  }
  if (status === 'TimedOut' || details === 'ExecutionTimedOut') {
    throw new CommandTimeoutError(
      `'${comment}' ran out of its ${command.timeoutSeconds} s on ${command.instanceId} and was stopped. ` +
        `Its output so far is in ${logs.stdout} and ${logs.stderr} on the instance.`
    )
  }
  if (status !== 'Success' || exitCode !== 0) {
    throw new CommandFailedError(
      comment,
      command.instanceId,
      exitCode,
      tailOf(stderr, 20) || tailOf(stdout, 20),
      logs
    )
  }

  return {
    stdout,
    stderr,
    exitCode,
    truncated: cuts.length > 0,
    cuts,
    logs
  }
}

async function send(
  ssm: SSMClient,
  command: ShellCommand,
  comment: string,
  text: string
): Promise<string> {
  const response = await ssm.send(
    new SendCommandCommand({
      DocumentName: 'AWS-RunShellScript',
      InstanceIds: [command.instanceId],
      Comment: comment,
      // How long SSM may take to hand the command to the agent.
      TimeoutSeconds: 300,
      Parameters: {
        commands: [text],
        executionTimeout: [String(command.timeoutSeconds)]
      }
    })
  )
  const id = response.Command?.CommandId
  if (!id) throw new Error(`SSM gave no command id for '${comment}'`)
  return id
}

/**
 * Polls until the command ends. Right after SendCommand, SSM may not know
 * the invocation yet (InvocationDoesNotExist): that is only a pending state.
 */
async function awaitInvocation(
  ssm: SSMClient,
  command: ShellCommand,
  commandId: string,
  deadline: Deadline,
  reporter: Reporter
): Promise<GetCommandInvocationCommandOutput> {
  const allowed = (command.timeoutSeconds + graceSeconds) * 1000
  const ownLimit = allowed < deadline.remainingMilliseconds()
  const own = new Deadline(
    deadline.clock,
    Math.min(deadline.remainingMilliseconds(), allowed)
  )
  const what = `'${command.comment.slice(0, 100)}' on ${command.instanceId}`

  try {
    return await waitFor({
      what,
      deadline: own,
      firstDelayMilliseconds: 1_000,
      maxDelayMilliseconds: 10_000,
      onPending: (missing, seconds) => {
        reporter.debug(`${what}: ${missing} (${seconds} s)`)
      },
      poll: async () => {
        try {
          const invocation = await ssm.send(
            new GetCommandInvocationCommand({
              CommandId: commandId,
              InstanceId: command.instanceId
            })
          )
          const status = invocation.Status ?? 'Pending'
          return running.has(status)
            ? { done: false, missing: `it is ${status}` }
            : { done: true, value: invocation }
        } catch (error) {
          if (
            error instanceof Error &&
            error.name === 'InvocationDoesNotExist'
          ) {
            return { done: false, missing: 'SSM has not registered it yet' }
          }
          throw error
        }
      }
    })
  } catch (error) {
    if (!(error instanceof WaitTimeoutError)) throw error
    await cancel(ssm, commandId, command.instanceId, reporter)
    const logs = logFiles(command.logName ?? 'command')
    throw new CommandTimeoutError(
      `Gave up waiting for ${what} after ${error.elapsedSeconds} s (${error.missing}) and cancelled it. ` +
        (ownLimit
          ? `It is allowed ${command.timeoutSeconds} s. `
          : 'Raise timeout-minutes if it needs longer. ') +
        `Its output so far is in ${logs.stdout} and ${logs.stderr} on the instance.`
    )
  }
}

async function cancel(
  ssm: SSMClient,
  commandId: string,
  instanceId: string,
  reporter: Reporter
): Promise<void> {
  try {
    await ssm.send(
      new CancelCommandCommand({
        CommandId: commandId,
        InstanceIds: [instanceId]
      })
    )
  } catch (error) {
    reporter.debug(
      `Could not cancel SSM command ${commandId}: ${String(error)}`
    )
  }
}

function show(
  stdout: string,
  stderr: string,
  quiet: boolean,
  reporter: Reporter
): void {
  const print = quiet
    ? (line: string) => {
        reporter.debug(line)
      }
    : (line: string) => {
        reporter.info(line)
      }
  for (const line of linesOf(stdout)) print(line)
  for (const line of linesOf(stderr)) print(line)
}

function linesOf(text: string): string[] {
  const lines = text.split('\n').map((line) => line.trimEnd())
  while (lines.length > 0 && lines.at(-1) === '') lines.pop()
  return lines
}

function describeCut(cut: OutputCut): string {
  if (cut.by === 'wrapper') {
    return `The log above shows the end of ${cut.stream}; its first ${cut.bytes ?? 0} bytes are only in ${cut.file} on the instance.`
  }
  const limit = cut.stream === 'stdout' ? '24,000' : '8,000'
  return `SSM cut ${cut.stream} at ${limit} characters; the whole of it is in ${cut.file} on the instance.`
}
