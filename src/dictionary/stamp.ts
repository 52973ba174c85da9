import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

import { type Stamp, unknownStamp } from './compile.js'

const run = promisify(execFile)

async function git(dir: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd: dir, timeout: 10_000 })
  return stdout.trim()
}

/**
 * The commit and version of the checkout the dictionary lives in, as
 * dictionaryutils' run_tests.sh stamps them (`git rev-parse HEAD`, `git
 * describe --always --tags`); the unknown stamp outside a git checkout.
 */
export async function readStamp(dir: string): Promise<Stamp> {
  try {
    const [commit, version] = await Promise.all([
      git(dir, 'rev-parse', 'HEAD'),
      git(dir, 'describe', '--always', '--tags')
    ])
    return commit && version ? { commit, version } : unknownStamp
  } catch {
    return unknownStamp
  }
}
