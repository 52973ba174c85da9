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

  it('refuses a flag that is not an input', () => {
    expect(() => parseArguments(['synth', '--domian', 'x'], inputs)).toThrow(
      "Unknown option '--domian'"
    )
  })

  it('refuses a second command', () => {
    expect(() => parseArguments(['synth', 'deploy'], inputs)).toThrow(
      "Unexpected argument 'deploy': give one command, then flags (--help lists them)"
    )
  })
})
