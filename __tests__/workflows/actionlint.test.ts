import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { describe, expect, it } from '@jest/globals'

import { lintWorkflows, workflowFiles } from '../../scripts/lint-workflows.js'
import { repositoryRoot } from '../fixtures/shared.js'
import { jobsOf, readWorkflow } from './workflow.js'

const files = workflowFiles(repositoryRoot).map((file) =>
  path.relative(repositoryRoot, file)
)

describe('actionlint', () => {
  it('reads the project workflows and the example centre ones', () => {
    expect(files).toHaveLength(7)
  })

  it('finds no problem in any workflow', async () => {
    expect(await lintWorkflows(repositoryRoot)).toEqual([])
  })

  it('reports a problem with its file, line and kind', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'workflows-'))
    mkdirSync(path.join(root, '.github/workflows'), { recursive: true })
    writeFileSync(
      path.join(root, '.github/workflows/broken.yml'),
      [
        'on: workflow_dispatch',
        'jobs:',
        '  one:',
        '    runs-on: ubuntu-24.04',
        '    steps:',
        '      - run: echo ${{ inputs.missing }}',
        ''
      ].join('\n')
    )

    expect(await lintWorkflows(root)).toEqual([
      expect.objectContaining({
        file: '.github/workflows/broken.yml',
        line: 6,
        kind: 'expression'
      })
    ])
  })
})

const shellcheck = spawnSync('shellcheck', ['--version']).status === 0
if (!shellcheck) {
  process.stderr.write(
    '\n  SKIPPED: shellcheck is not installed; .ci/run installs it\n\n'
  )
}

/** Every `run:` script, with each expression replaced as the runner would. */
const scripts = files.flatMap((file) =>
  jobsOf(readWorkflow(file)).flatMap(([id, job]) =>
    job.steps
      .filter((step) => step.run !== undefined)
      .map((step, index) => ({
        where: `${file}#${id} run ${index + 1}`,
        script: (step.run ?? '').replace(/\$\{\{[^}]*\}\}/g, 'expression')
      }))
  )
)

;(shellcheck ? describe : describe.skip)('shellcheck', () => {
  it.each(scripts.map(({ where, script }) => [where, script]))(
    '%s is clean',
    (_where, script) => {
      // GitHub runs each script with `bash -e {0}`.
      const result = spawnSync(
        'shellcheck',
        ['--shell=bash', '--format=gcc', '-'],
        { input: `set -e\n${script}`, encoding: 'utf8' }
      )

      expect(result.stdout).toBe('')
      expect(result.status).toBe(0)
    }
  )
})
