import { describe, expect, it } from '@jest/globals'

import { readDeclarations } from '../src/inputs/declarations.js'
import { run } from '../src/main.js'
import { RecordingReporter } from './fixtures/reporter.js'

const declarations = readDeclarations(
  new URL('../action.yml', import.meta.url)
).inputs

describe('running a command', () => {
  it('fails with the list of valid commands for an unknown one', async () => {
    const reporter = new RecordingReporter()
    const failure = await run({
      get: (name) => (name === 'command' ? 'launch' : undefined),
      declarations,
      reporter
    })

    expect(failure).toBe(
      'input \'command\' is "launch": expected one of synth, deploy, status, hibernate, resume, push-config, push-dictionary, validate-dictionary, destroy'
    )
  })

  it('keeps the stack of an unexpected failure for debug logs only', async () => {
    const reporter = new RecordingReporter()
    await run({
      get: (name) => (name === 'command' ? 'launch' : undefined),
      declarations,
      reporter
    })

    expect(reporter.at('debug')[0]).toMatch(/^InputError: .*\n\s+at /)
    expect(reporter.at('error')).toEqual([])
  })
})
