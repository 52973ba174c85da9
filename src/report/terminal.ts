import { appendFileSync } from 'node:fs'

import type { Place, Reporter } from './reporter.js'

interface TerminalOptions {
  verbose: boolean
  write: (line: string) => void
  /** Where job summaries go; without it they are not shown, since every
   * command already logs what its summary says. */
  summaryFile?: string
}

function where(place?: Place): string {
  if (!place) return ''
  const line = place.line === undefined ? '' : `:${place.line}`
  return `${place.file}${line}: `
}

/**
 * Reports to a terminal for an operator working from a laptop. Outputs are
 * collected and printed once at the end; secrets are replaced by *** in every
 * line, as the runner would.
 */
export class TerminalReporter implements Reporter {
  readonly outputs = new Map<string, string>()
  private readonly secrets = new Set<string>()
  private depth = 0

  constructor(
    private readonly options: TerminalOptions = {
      verbose: false,
      write: (line) => process.stdout.write(`${line}\n`)
    }
  ) {}

  debug(message: string): void {
    if (this.options.verbose) this.print(`debug: ${message}`)
  }

  info(message: string): void {
    this.print(message)
  }

  notice(message: string, place?: Place): void {
    this.print(`notice: ${where(place)}${message}`)
  }

  warning(message: string, place?: Place): void {
    this.print(`warning: ${where(place)}${message}`)
  }

  error(message: string, place?: Place): void {
    this.print(`error: ${where(place)}${message}`)
  }

  async group<T>(title: string, step: () => Promise<T>): Promise<T> {
    this.print(`── ${title}`)
    this.depth += 1
    try {
      return await step()
    } finally {
      this.depth -= 1
    }
  }

  setOutput(name: string, value: string): void {
    this.outputs.set(name, value)
  }

  setSecret(value: string): void {
    if (value) this.secrets.add(value)
  }

  summary(markdown: string): Promise<void> {
    if (this.options.summaryFile) {
      appendFileSync(this.options.summaryFile, `${this.masked(markdown)}\n`)
    }
    return Promise.resolve()
  }

  /** Prints the collected outputs, one `name=value` a line. */
  printOutputs(): void {
    if (this.outputs.size === 0) return
    this.print('')
    this.print('Outputs:')
    for (const [name, value] of this.outputs) {
      const lines = value.split('\n').length
      const shown = lines > 1 ? `(${lines} lines)` : value
      this.print(`  ${name}=${shown}`)
    }
  }

  private masked(text: string): string {
    let masked = text
    for (const secret of this.secrets) masked = masked.split(secret).join('***')
    return masked
  }

  private print(text: string): void {
    const masked = this.masked(text)
    const indent = '  '.repeat(this.depth)
    this.options.write(masked ? indent + masked : '')
  }
}
