import { readFileSync } from 'node:fs'

import { describe, expect, it } from '@jest/globals'

import { rules, severities } from '../../src/dictionary/rules.js'

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')

function section(title: string): string {
  const start = readme.indexOf(`## ${title}\n`)
  const end = readme.indexOf('\n## ', start + 1)
  return readme.slice(start, end < 0 ? undefined : end)
}

/** The rows of the rules table: the cells of each line that starts with a rule id. */
function ruleRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('| `R-'))
    .map((line) =>
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim())
    )
}

describe('the README section "Data dictionary"', () => {
  it('lists every rule with its severities and what it checks, as the code has them', () => {
    expect(ruleRows(section('Data dictionary'))).toEqual(
      rules.map((entry) => {
        const { normal, strict } = severities(entry)
        return [`\`${entry.id}\``, normal, strict, entry.summary]
      })
    )
  })
})
