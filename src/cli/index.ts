#!/usr/bin/env node
import { readDeclarations } from '../inputs/declarations.js'
import { run } from '../main.js'
import { TerminalReporter } from '../report/terminal.js'
import { parseArguments } from './arguments.js'
import { usage } from './usage.js'

const declarations = readDeclarations(
  new URL('../../action.yml', import.meta.url)
)
// A reader that stops early (`| head`) closes the pipe: the command still
// finishes its work, it only stops printing.
let readerGone = false
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
  readerGone = true
})
const write = (line: string) => {
  if (!readerGone) process.stdout.write(`${line}\n`)
}

try {
  const args = parseArguments(process.argv.slice(2), declarations.inputs)
  const reporter = new TerminalReporter({
    verbose: args.verbose,
    write,
    ...(args.summaryFile === undefined ? {} : { summaryFile: args.summaryFile })
  })
  if (args.help) {
    write(usage(declarations).replace(/\n$/, ''))
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
