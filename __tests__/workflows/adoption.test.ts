import { readFileSync } from 'node:fs'

import { describe, expect, it } from '@jest/globals'

import { centreWorkflowNames } from '../../scripts/centre-workflows.js'
import { readWorkflow } from './workflow.js'

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const adopting = readme.slice(
  readme.indexOf('## Adopting it in a centre'),
  readme.indexOf('## Troubleshooting')
)
const centre = centreWorkflowNames.map((name) =>
  readWorkflow(`examples/centre/.github/workflows/${name}`)
)

function named(kind: 'vars' | 'secrets'): string[] {
  const pattern = new RegExp(`\\b${kind}\\.([A-Z_]+)`, 'g')
  const names = centre.flatMap((workflow) =>
    [...workflow.text.matchAll(pattern)].map((match) => match[1]!)
  )
  return [...new Set(names)].sort()
}

/** The first column of the table of variables and secrets. */
const tableNames = [...adopting.matchAll(/^\| `([A-Z_]+)` +\| (\w+)/gm)].map(
  (match) => ({ name: match[1]!, kind: match[2]! })
)

describe('adopting it in a centre, as the README tells it', () => {
  it('sets every variable the centre workflows read, and no other', () => {
    expect(
      tableNames
        .filter(({ kind }) => kind === 'variable')
        .map(({ name }) => name)
        .sort()
    ).toEqual(named('vars'))
  })

  it('sets every secret the centre workflows read, and no other', () => {
    expect(
      tableNames
        .filter(({ kind }) => kind === 'secret')
        .map(({ name }) => name)
        .sort()
    ).toEqual(named('secrets'))
  })

  it('shows the subjects of the trust policy it ships', () => {
    const policy = readFileSync(
      new URL('../../docs/iam-trust-policy.json', import.meta.url),
      'utf8'
    )
    const subjects = (
      JSON.parse(policy) as {
        Statement: { Condition: { StringEquals: Record<string, string[]> } }[]
      }
    ).Statement[0]!.Condition.StringEquals[
      'token.actions.githubusercontent.com:sub'
    ]!

    for (const subject of subjects) {
      expect(adopting).toContain(`\`${subject}\``)
    }
  })

  it('explains the cron line the nightly workflow has', () => {
    const [schedule] = readWorkflow('.github/workflows/hibernate.yml').on
      .schedule as { cron: string }[]

    expect(adopting).toContain(`\`${schedule!.cron}\``)
  })
})
