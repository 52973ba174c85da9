import { parseArgs } from 'node:util'
import type { ParseArgsConfig } from 'node:util'

import { nearest } from '../compose/nearest.js'
import type { Declaration } from '../inputs/declarations.js'

export interface Arguments {
  /** The inputs given as flags, by their action.yml names. */
  given: Map<string, string>
  help: boolean
  verbose: boolean
  /** A file to append the job summary to, as the runner would. */
  summaryFile: string | undefined
}

/**
 * A mistyped flag is named with the nearest real one; Node's own message
 * speaks of positional arguments, which is not what went wrong.
 */
function refuseUnknownFlags(argv: string[], flags: string[]): void {
  for (const arg of argv) {
    if (arg === '--') return
    if (!arg.startsWith('--')) continue

    const name = arg.slice(2).split('=')[0] ?? ''
    if (flags.includes(name)) continue
    const close = nearest(name, flags)
    throw new Error(
      `'--${name}' is not a flag${close ? `; did you mean --${close}?` : ''} (--help lists the flags)`
    )
  }
}

/**
 * Reads `gen3-poc <command> --input value …`: every input of action.yml is a
 * flag of the same name. Throws with the flag at fault for anything else.
 */
export function parseArguments(
  argv: string[],
  inputs: readonly Declaration[]
): Arguments {
  const options: ParseArgsConfig['options'] = {
    help: { type: 'boolean', short: 'h' },
    verbose: { type: 'boolean', short: 'v' },
    summary: { type: 'string' }
  }
  for (const input of inputs) options[input.name] = { type: 'string' }

  refuseUnknownFlags(argv, Object.keys(options))

  let parsed
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true })
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(`${reason} (--help lists the flags)`, { cause: error })
  }

  const given = new Map<string, string>()
  for (const input of inputs) {
    const value = parsed.values[input.name]
    if (typeof value === 'string') given.set(input.name, value)
  }

  const [command, ...extra] = parsed.positionals
  if (extra.length > 0) {
    throw new Error(
      `Unexpected argument '${extra.join(' ')}': give one command, then flags (--help lists them)`
    )
  }
  const flagged = given.get('command')
  if (command !== undefined && flagged !== undefined && flagged !== command) {
    throw new Error(
      `The command is given twice, as '${command}' and as --command '${flagged}': give it once`
    )
  }
  if (command !== undefined) given.set('command', command)

  return {
    given,
    help: parsed.values.help === true,
    verbose: parsed.values.verbose === true,
    summaryFile:
      typeof parsed.values.summary === 'string'
        ? parsed.values.summary
        : undefined
  }
}
