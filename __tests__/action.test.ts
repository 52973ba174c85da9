import { readFileSync } from 'node:fs'

import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'

import { commandNames } from '../src/commands/names.js'
import { rawInputsSchema } from '../src/inputs/schema.js'

interface ActionFile {
  inputs: Record<string, Record<string, unknown>>
  outputs: Record<string, Record<string, unknown>>
  runs: Record<string, unknown>
}

const action = parse(
  readFileSync(new URL('../action.yml', import.meta.url), 'utf8')
) as ActionFile

describe('action.yml', () => {
  it('gives every input a description and a default, even an empty one', () => {
    const lacking = Object.entries(action.inputs).filter(
      ([, input]) =>
        typeof input.description !== 'string' ||
        input.description.trim() === '' ||
        typeof input.default !== 'string'
    )

    expect(lacking.map(([name]) => name)).toEqual([])
  })

  it('gives every output a description', () => {
    const lacking = Object.entries(action.outputs).filter(
      ([, output]) =>
        typeof output.description !== 'string' ||
        output.description.trim() === ''
    )

    expect(lacking.map(([name]) => name)).toEqual([])
  })

  it('declares exactly the inputs the code reads', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(
      Object.keys(rawInputsSchema.shape).sort()
    )
  })

  it('names every command in the description of command', () => {
    const description = String(action.inputs.command?.description)

    expect(commandNames.filter((name) => !description.includes(name))).toEqual(
      []
    )
  })

  it('runs the committed bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })
})
