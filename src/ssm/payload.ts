import type { SSMClient } from '@aws-sdk/client-ssm'

import type { Reporter } from '../report/reporter.js'
import type { Deadline } from '../wait/clock.js'
import { exitCodes, planTransfer } from './chunking.js'
import { CommandFailedError, runShell } from './command.js'
import { quote } from './quote.js'

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
  /** Paths whose content changed, and those already as sent. */
  installed: string[]
  unchanged: string[]
}

/** A chunk or an assembled file did not match its SHA-256 on the instance. */
export class ChecksumMismatchError extends Error {
  constructor(instanceId: string, detail: string) {
    super(
      `${detail} on ${instanceId}. Nothing was installed; run the command again, and if it keeps failing, check the instance's disk space.`
    )
    this.name = 'ChecksumMismatchError'
  }
}

/** Seconds one chunk command may take on the instance. */
const chunkTimeoutSeconds = 120

/**
 * Installs files on the instance over SSM, in checked chunks when they are
 * larger than one command can carry, keeping the previous version of each.
 * No bucket is involved: the chunks travel inside the commands.
 */
export async function pushFiles(
  ssm: SSMClient,
  instanceId: string,
  files: Payload[],
  deadline: Deadline,
  reporter: Reporter
): Promise<PushResult> {
  if (files.length === 0) {
    return { calls: 0, sha256: {}, installed: [], unchanged: [] }
  }
  const transfer = planTransfer(files)
  const total = transfer.scripts.length

  let output = ''
  for (const [index, script] of transfer.scripts.entries()) {
    try {
      const result = await runShell(
        ssm,
        {
          instanceId,
          script,
          comment: `gen3-poc: push ${files.length} file(s), part ${index + 1} of ${total}`,
          timeoutSeconds: chunkTimeoutSeconds,
          logName: 'push-files',
          quiet: true
        },
        deadline,
        reporter
      )
      output = result.stdout
    } catch (error) {
      throw checksumError(error, instanceId) ?? error
    }
    if (total > 1) reporter.debug(`Sent part ${index + 1} of ${total}`)
  }

  const result: PushResult = {
    calls: total,
    sha256: {},
    installed: [],
    unchanged: []
  }
  for (const line of output.split('\n')) {
    const match = /^(installed|unchanged) ([0-9a-f]{64}) (.+)$/.exec(line)
    if (!match) continue
    const [, state, sha256, path] = match as unknown as [
      string,
      string,
      string,
      string
    ]
    result.sha256[path] = sha256
    result[state === 'installed' ? 'installed' : 'unchanged'].push(path)
  }

  for (const file of transfer.files) {
    if (result.sha256[file.path] !== file.sha256) {
      throw new ChecksumMismatchError(
        instanceId,
        `The instance did not confirm ${file.path} with SHA-256 ${file.sha256}`
      )
    }
    const state = result.installed.includes(file.path)
      ? 'Installed'
      : 'Already up to date:'
    reporter.info(
      `${state} ${file.path} (${file.bytes} bytes, SHA-256 ${file.sha256.slice(0, 12)}…)`
    )
  }
  reporter.debug(`${files.length} file(s) in ${total} SSM command(s)`)
  return result
}

function checksumError(
  error: unknown,
  instanceId: string
): ChecksumMismatchError | undefined {
  if (
    !(error instanceof CommandFailedError) ||
    (error.exitCode !== exitCodes.corruptChunk &&
      error.exitCode !== exitCodes.corruptFile)
  ) {
    return undefined
  }
  const line = error.stderrTail
    .split('\n')
    .find((text) => text.startsWith('gen3-poc: '))
  return new ChecksumMismatchError(
    instanceId,
    (line ?? error.stderrTail).replace(/^gen3-poc: /, '')
  )
}

/**
 * The SHA-256 of each path on the instance, or undefined where there is no
 * such file: what push-config compares with before sending anything.
 */
export async function readChecksums(
  ssm: SSMClient,
  instanceId: string,
  paths: string[],
  deadline: Deadline,
  reporter: Reporter
): Promise<Record<string, string | undefined>> {
  const found: Record<string, string | undefined> = {}
  if (paths.length === 0) return found
  const script = [
    'set -euo pipefail',
    'for path in "$@"; do',
    '  if [ -f "$path" ]; then',
    `    printf 'sha256 %s %s\\n' "$(sha256sum "$path" | cut -d' ' -f1)" "$path"`,
    '  fi',
    'done',
    ''
  ].join('\n')
  const result = await runShell(
    ssm,
    {
      instanceId,
      script: `set -- ${paths.map(quote).join(' ')}\n${script}`,
      comment: `gen3-poc: read the checksums of ${paths.length} file(s)`,
      timeoutSeconds: 60,
      logName: 'checksums',
      quiet: true
    },
    deadline,
    reporter
  )
  for (const path of paths) found[path] = undefined
  for (const line of result.stdout.split('\n')) {
    const match = /^sha256 ([0-9a-f]{64}) (.+)$/.exec(line)
    if (match?.[1] && match[2]) found[match[2]] = match[1]
  }
  return found
}

export type RestoreOutcome = 'restored' | 'no previous version'

/**
 * Puts back the version of each file that the last push replaced; the
 * replaced one becomes `<path>.previous` in turn, so a second restore undoes
 * the first. Each file is swapped with renames, never left half written.
 */
export async function restore(
  ssm: SSMClient,
  instanceId: string,
  paths: string[],
  deadline: Deadline,
  reporter: Reporter
): Promise<Record<string, RestoreOutcome>> {
  const script = [
    'set -euo pipefail',
    'for path in "$@"; do',
    '  if [ ! -f "$path.previous" ]; then',
    `    printf 'missing %s\\n' "$path"`,
    '    continue',
    '  fi',
    '  cp -p "$path.previous" "$path.gen3-poc-new"',
    '  if [ -e "$path" ]; then cp -p "$path" "$path.gen3-poc-old"; fi',
    '  mv -f "$path.gen3-poc-new" "$path"',
    '  if [ -e "$path.gen3-poc-old" ]; then mv -f "$path.gen3-poc-old" "$path.previous"; fi',
    `  printf 'restored %s\\n' "$path"`,
    'done',
    ''
  ].join('\n')
  const result = await runShell(
    ssm,
    {
      instanceId,
      script: `set -- ${paths.map(quote).join(' ')}\n${script}`,
      comment: `gen3-poc: restore the previous version of ${paths.length} file(s)`,
      timeoutSeconds: 60,
      logName: 'restore'
    },
    deadline,
    reporter
  )

  const outcomes: Record<string, RestoreOutcome> = {}
  for (const line of result.stdout.split('\n')) {
    const match = /^(restored|missing) (.+)$/.exec(line)
    if (!match?.[2]) continue
    outcomes[match[2]] =
      match[1] === 'restored' ? 'restored' : 'no previous version'
  }
  for (const path of paths) {
    if (outcomes[path] === 'no previous version') {
      reporter.warning(
        `${path} has no previous version on ${instanceId} to restore`
      )
    }
  }
  return outcomes
}
