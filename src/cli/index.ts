#!/usr/bin/env node
import { readDeclarations } from '../inputs/declarations.js'
import { run } from '../main.js'
import { TerminalReporter } from '../report/terminal.js'
import { parseArguments } from './arguments.js'
import { usage } from './usage.js'

const declarations = readDeclarations(
  new URL('../../action.yml', import.meta.url)
)
const reporter = new TerminalReporter({
  verbose: process.argv.includes('--verbose') || process.argv.includes('-v'),
  write: (line) => process.stdout.write(`${line}\n`)
})

try {
  const args = parseArguments(process.argv.slice(2), declarations.inputs)
  if (args.help) {
    process.stdout.write(usage(declarations))
  } else {
    const failure = await run({
      get: (name) => args.given.get(name),
      declarations: declarations.inputs,
      reporter
    })
    reporter.printOutputs()
    if (failure !== undefined) {
      reporter.error(failure)
      process.exitCode = 1
    }
  }
} catch (error) {
  reporter.error(error instanceof Error ? error.message : String(error))
  process.exitCode = 2
}
