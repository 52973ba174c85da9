import { awsFor } from './commands/context.js'
import { commands } from './commands/index.js'
import type { Declaration } from './inputs/declarations.js'
import { readInputs } from './inputs/read.js'
import type { Reporter } from './report/reporter.js'
import type { Clock } from './wait/clock.js'
import { systemClock } from './wait/clock.js'

export interface RunOptions {
  /** The value given for an input, by its action.yml name. */
  get: (name: string) => string | undefined
  declarations: readonly Declaration[]
  reporter: Reporter
  env?: NodeJS.ProcessEnv
  clock?: Clock
}

/**
 * Reads the inputs, runs the command, and turns any failure into one message.
 * Returns the failure's message, or undefined when the command succeeded.
 */
export async function run(options: RunOptions): Promise<string | undefined> {
  const { reporter } = options
  const env = options.env ?? process.env

  try {
    const inputs = readInputs(options.get, options.declarations, reporter)
    await commands[inputs.command]({
      inputs,
      reporter,
      env,
      clock: options.clock ?? systemClock,
      aws: awsFor(inputs, env)
    })
    return undefined
  } catch (error) {
    if (error instanceof Error) {
      if (error.stack) reporter.debug(error.stack)
      return error.message
    }
    return String(error)
  }
}
