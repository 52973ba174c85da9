import type { SSMClient } from '@aws-sdk/client-ssm'

import { NotAvailableError } from '../errors.js'
import type { Reporter } from '../report/reporter.js'
import type { Deadline } from '../wait/clock.js'

/** A shell script to run on the instance through SSM Run Command. */
export interface ShellCommand {
  instanceId: string
  script: string
  /** Shown in the SSM console; at most 100 characters. */
  comment: string
  timeoutSeconds: number
}

export interface ShellResult {
  stdout: string
  stderr: string
  exitCode: number
  /** SSM keeps only the first 24,000 characters of stdout. */
  truncated: boolean
}

/** Runs a script on the instance and fails with stderr's tail if it fails. */
export function runShell(
  _ssm: SSMClient,
  command: ShellCommand,
  _deadline: Deadline,
  _reporter: Reporter
): Promise<ShellResult> {
  return Promise.reject(new NotAvailableError(`SSM (${command.comment})`))
}
