#!/usr/bin/env node
import { readDeclarations } from '../inputs/declarations.js'
import { run } from '../main.js'
import { TerminalReporter } from '../report/terminal.js'
import { parseArguments } from './arguments.js'
import { usage } from './usage.js'

const declarations = readDeclarations(
  new URL('../../action.yml', import.meta.url)
)
const write = (line: string) => process.stdout.write(`${line}\n`)

try {
  const args = parseArguments(process.argv.slice(2), declarations.inputs)
  const reporter = new TerminalReporter({
    verbose: args.verbose,
    write,
    ...(args.summaryFile === undefined ? {} : { summaryFile: args.summaryFile })
  })
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
  write(`error: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 2
}
