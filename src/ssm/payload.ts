import type { SSMClient } from '@aws-sdk/client-ssm'

import { NotAvailableError } from '../errors.js'
import type { Reporter } from '../report/reporter.js'
import type { Deadline } from '../wait/clock.js'

/** A file to install on the instance. */
export interface Payload {
  /** Absolute path on the instance. */
  path: string
  content: Buffer
  /** Octal mode such as 0644. */
  mode?: string
}

export interface PushResult {
  /** SendCommand calls made. */
  calls: number
  /** SHA-256 of each file, by path, as verified on the instance. */
  sha256: Record<string, string>
}

/**
 * Installs files on the instance over SSM, in checked chunks when they are
 * larger than one command can carry, keeping the previous version of each.
 */
export function pushFiles(
  _ssm: SSMClient,
  instanceId: string,
  _files: Payload[],
  _deadline: Deadline,
  _reporter: Reporter
): Promise<PushResult> {
  return Promise.reject(new NotAvailableError(`pushing files to ${instanceId}`))
}
