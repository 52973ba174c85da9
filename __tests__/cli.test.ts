import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from '@jest/globals'

import { parseArguments } from '../src/cli/arguments.js'
import { readDeclarations } from '../src/inputs/declarations.js'

const { inputs } = readDeclarations(new URL('../action.yml', import.meta.url))

describe('the terminal command line', () => {
  it('takes the command first and every input as a flag of its name', () => {
    const args = parseArguments(
      ['deploy', '--domain', 'gen3.example.org', '--strict=true', '-v'],
      inputs
    )

    expect([...args.given]).toEqual([
      ['domain', 'gen3.example.org'],
      ['strict', 'true'],
      ['command', 'deploy']
    ])
    expect(args.verbose).toBe(true)
    expect(args.help).toBe(false)
    expect(args.summaryFile).toBeUndefined()
  })

  it('takes a file for the job summary', () => {
    expect(
      parseArguments(['status', '--summary', 'status.md'], inputs).summaryFile
    ).toBe('status.md')
  })

  it('refuses a flag that is not an input, suggesting the nearest', () => {
    expect(() => parseArguments(['synth', '--domian', 'x'], inputs)).toThrow(
      "'--domian' is not a flag; did you mean --domain? (--help lists the flags)"
    )
  })

  it('refuses a flag that is not an input and like none', () => {
    expect(() => parseArguments(['synth', '--colour=blue'], inputs)).toThrow(
      "'--colour' is not a flag (--help lists the flags)"
    )
  })

  it('refuses a command given both as the first argument and as --command', () => {
    expect(() =>
      parseArguments(['synth', '--command', 'deploy'], inputs)
    ).toThrow(
      "The command is given twice, as 'synth' and as --command 'deploy': give it once"
    )
  })

  it('takes the command as --command alone, as the runner gives it', () => {
    expect(parseArguments(['--command', 'status'], inputs).given).toEqual(
      new Map([['command', 'status']])
    )
  })

  it('refuses a second command', () => {
    expect(() => parseArguments(['synth', 'deploy'], inputs)).toThrow(
      "Unexpected argument 'deploy': give one command, then flags (--help lists them)"
    )
  })
})

describe('the terminal command read through a pipe', () => {
  it('finishes its work quietly when the reader stops early, as head does', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'gen3-poc-cli-'))
    const file = path.join(work, 'gen3-poc.template.json')
    const root = fileURLToPath(new URL('..', import.meta.url))
    const result = spawnSync(
      'bash',
      [
        '-c',
        'node --import tsx src/cli/index.ts synth --template-file "$1" | head -n 1 >/dev/null; exit "${PIPESTATUS[0]}"',
        'pipe',
        file
      ],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 60_000,
        env: { PATH: process.env.PATH, HOME: work }
      }
    )

    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect(existsSync(file)).toBe(true)
  })
})
