import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from '@jest/globals'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/**
 * Runs the committed bundle as the runner does: `node dist/index.js` with
 * each input in an INPUT_* variable, outputs and summary written to files.
 */
function runBundle(inputs: Record<string, string>) {
  const work = mkdtempSync(path.join(tmpdir(), 'gen3-poc-bundle-'))
  const outputFile = path.join(work, 'output')
  const summaryFile = path.join(work, 'summary.md')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')

  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: work,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_WORKSPACE: work,
    RUNNER_TEMP: work
  }
  for (const [name, value] of Object.entries(inputs)) {
    env[`INPUT_${name.toUpperCase()}`] = value
  }

  const result = spawnSync(
    process.execPath,
    [path.join(root, 'dist/index.js')],
    {
      cwd: work,
      env,
      encoding: 'utf8',
      timeout: 60_000
    }
  )
  return {
    status: result.status,
    stdout: result.stdout,
    outputs: parseOutputs(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    work
  }
}

/** Reads the runner's `name<<delimiter` blocks from a GITHUB_OUTPUT file. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const pattern = /^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm
  for (const match of text.matchAll(pattern)) {
    outputs[match[1]!] = match[3]!
  }
  return outputs
}

describe('the bundled action, run as the runner runs it', () => {
  it('fails an unknown command with an error line that lists the valid ones', () => {
    const run = runBundle({ command: 'launch' })

    expect(run.status).toBe(1)
    expect(run.stdout).toContain(
      '::error::input \'command\' is "launch": expected one of synth, deploy, status, hibernate, resume, push-config, push-dictionary, validate-dictionary, destroy'
    )
  })
})
