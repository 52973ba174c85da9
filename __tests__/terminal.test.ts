import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { describe, expect, it } from '@jest/globals'

import { TerminalReporter } from '../src/report/terminal.js'

function terminal(verbose = false) {
  const lines: string[] = []
  const reporter = new TerminalReporter({
    verbose,
    write: (line) => lines.push(line)
  })
  return { reporter, lines }
}

describe('reporting to a terminal', () => {
  it('masks every secret in every line', () => {
    const { reporter, lines } = terminal()
    reporter.setSecret('s3cret')
    reporter.info('the secret is s3cret, twice: s3cret')

    expect(lines).toEqual(['the secret is ***, twice: ***'])
  })

  it('shows debug lines only when verbose', () => {
    const quiet = terminal()
    quiet.reporter.debug('polling')
    const verbose = terminal(true)
    verbose.reporter.debug('polling')

    expect(quiet.lines).toEqual([])
    expect(verbose.lines).toEqual(['debug: polling'])
  })

  it('indents what happens inside a group and names the place of a finding', async () => {
    const { reporter, lines } = terminal()
    await reporter.group('Validate', () => {
      reporter.warning('no title', { file: 'case.yaml', line: 3 })
      return Promise.resolve()
    })
    reporter.error('done')

    expect(lines).toEqual([
      '── Validate',
      '  warning: case.yaml:3: no title',
      'error: done'
    ])
  })

  it('prints the outputs once at the end', () => {
    const { reporter, lines } = terminal()
    reporter.setOutput('url', 'https://gen3.example.org')
    reporter.setOutput('plan', '{\n}')
    reporter.printOutputs()

    expect(lines).toEqual([
      '',
      'Outputs:',
      '  url=https://gen3.example.org',
      '  plan=(2 lines)'
    ])
  })

  it('writes job summaries only to the file asked for, masked', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'summary-')), 's.md')
    const lines: string[] = []
    const reporter = new TerminalReporter({
      verbose: false,
      write: (line) => lines.push(line),
      summaryFile: file
    })
    reporter.setSecret('s3cret')
    await reporter.summary('| token | s3cret |')

    expect(readFileSync(file, 'utf8')).toBe('| token | *** |\n')
    expect(lines).toEqual([])
  })

  it('shows no job summary without a file for it', async () => {
    const { reporter, lines } = terminal()
    await reporter.summary('### Plan')

    expect(lines).toEqual([])
  })
})
