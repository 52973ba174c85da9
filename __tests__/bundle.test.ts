import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from '@jest/globals'

import { readDeclarations } from '../src/inputs/declarations.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const declarations = readDeclarations(path.join(root, 'action.yml')).inputs

/**
 * Every input as the runner passes it: the step's value, else action.yml's
 * default. An expression default (the workflow token) is left empty, as a
 * step that passes `github-token: ''` has it.
 */
function asTheRunnerPasses(
  given: Record<string, string>
): Record<string, string> {
  return Object.fromEntries(
    declarations.map((input) => [
      input.name,
      given[input.name] ??
        (input.default.startsWith('${{') ? '' : input.default)
    ])
  )
}

/**
 * Runs the committed bundle as the runner does: `node dist/index.js` with
 * each input in an INPUT_* variable, outputs and summary written to files,
 * in the workspace given (a checkout) or an empty one.
 */
function runBundle(inputs: Record<string, string>, workspace?: string) {
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
    GITHUB_WORKSPACE: workspace ?? work,
    RUNNER_TEMP: work
  }
  for (const [name, value] of Object.entries(inputs)) {
    env[`INPUT_${name.toUpperCase()}`] = value
  }

  const result = spawnSync(
    process.execPath,
    [path.join(root, 'dist/index.js')],
    {
      cwd: workspace ?? work,
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

  it('synthesises the template for the example centre, with the plan and its cost as outputs', () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'gen3-poc-synth-'))
    const templateFile = path.join(scratch, 'gen3-poc.template.json')

    const run = runBundle(
      asTheRunnerPasses({
        command: 'synth',
        'config-dir': 'examples/centre/gen3/config',
        'dictionary-dir': 'examples/centre/gen3/dictionary',
        'template-file': templateFile
      }),
      root
    )

    expect(run.status).toBe(0)
    expect(run.stdout).not.toContain('::error::')
    expect(run.outputs['template-file']).toBe(templateFile)
    const template = JSON.parse(readFileSync(templateFile, 'utf8')) as {
      Resources: Record<string, { Type: string }>
    }
    expect(
      Object.values(template.Resources).filter(
        (resource) => resource.Type === 'AWS::EC2::Instance'
      )
    ).toHaveLength(1)
    const plan = JSON.parse(run.outputs.plan ?? '{}') as {
      stackName?: string
      resourceCount?: number
    }
    expect(plan.stackName).toBe('gen3-poc')
    expect(plan.resourceCount).toBe(Object.keys(template.Resources).length)
    expect(run.outputs['cost-running']).toMatch(/^\d+\.\d{2}$/)
    expect(run.outputs['cost-hibernated']).toMatch(/^\d+\.\d{2}$/)
    expect(Number(run.outputs['cost-hibernated'])).toBeLessThan(
      Number(run.outputs['cost-running'])
    )
    expect(run.summary).toMatch(/^### Gen3 POC stack `gen3-poc` in us-east-1\n/)
  })

  it("validates the example centre's dictionary with no error, outside a pull request", () => {
    const run = runBundle(
      asTheRunnerPasses({
        command: 'validate-dictionary',
        'dictionary-dir': 'examples/centre/gen3/dictionary'
      }),
      root
    )

    expect(run.status).toBe(0)
    expect(run.stdout).not.toContain('::error')
    expect(run.outputs['dictionary-errors']).toBe('0')
    expect(run.outputs['dictionary-sha256']).toMatch(/^[0-9a-f]{64}$/)
    expect(run.summary).toContain(
      '`examples/centre/gen3/dictionary`: **0 errors**'
    )
  })
})

/**
 * m5.xlarge, us-east-1: 730 h × $0.192 = 140.16 and a 76 GiB root volume
 * (16 memory + 60) × $0.08 = 6.08; the NAT gateway 730 h × $0.045 = 32.85
 * while running only, as hibernate removes it; and all month the load
 * balancer 16.43, one LCU 5.84, its two IPv4 addresses 7.30 and the NAT's
 * Elastic IP 3.65, together 39.30 hibernated.
 */
describe('synth in the bundled action, with no credentials and no region', () => {
  const run = runBundle({ command: 'synth', 'instance-type': 'm5.xlarge' })

  it('succeeds and writes the template into the workspace', () => {
    expect(run.status).toBe(0)
    const template = JSON.parse(
      readFileSync(path.join(run.work, 'gen3-poc.template.json'), 'utf8')
    ) as { Resources: Record<string, { Type: string }> }
    expect(template.Resources.Instance?.Type).toBe('AWS::EC2::Instance')
  })

  it('sets its outputs through GITHUB_OUTPUT', () => {
    expect(run.outputs['template-file']).toBe('gen3-poc.template.json')
    expect(run.outputs['cost-running']).toBe('212.31')
    expect(run.outputs['cost-hibernated']).toBe('39.30')
    const plan = JSON.parse(run.outputs.plan ?? '{}') as {
      cost?: { region?: string; running?: number }
    }
    expect(plan.cost).toMatchObject({ region: 'us-east-1', running: 212.31 })
  })

  it('writes the plan and the cost table to GITHUB_STEP_SUMMARY', () => {
    expect(run.summary).toContain(
      '**Monthly cost in USD, us-east-1 on-demand prices of 2025-11**'
    )
    expect(run.summary).toContain('| **Total** | **212.31** | **39.30** | |')
  })
})
