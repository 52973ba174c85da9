import { readFileSync } from 'node:fs'

import { describe, expect, it } from '@jest/globals'

import { centreWorkflowNames } from '../../scripts/centre-workflows.js'
import { policyFiles, policySize } from '../stack/policy-documents.js'
import { commandsOf, jobsOf, readWorkflow } from './workflow.js'

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

  it('attaches the policies of every command the centre workflows run, and no other', () => {
    const run = new Set(
      centre.flatMap((workflow) =>
        jobsOf(workflow).flatMap(([, job]) => commandsOf(job))
      )
    )
    const needed = Object.entries(policyFiles)
      .filter(([command]) => run.has(command))
      .flatMap(([, files]) => files)
    const loop = /^for name in ([a-z -]+); do$/m.exec(adopting)

    expect(loop?.[1]?.split(' ').sort()).toEqual(needed.sort())
    expect(adopting).toContain(`seven of the ten a role may have by default`)
    expect(needed).toHaveLength(7)
  })

  it('attaches them as managed policies, since inline ones would not fit one role', () => {
    const loop = /^for name in ([a-z -]+); do$/m.exec(adopting)
    const characters = (loop?.[1]?.split(' ') ?? []).reduce(
      (sum, name) => sum + policySize(name),
      0
    )

    expect(characters).toBeGreaterThan(10_240)
    expect(adopting).toContain('aws iam create-policy')
    expect(adopting).toContain('aws iam attach-role-policy')
  })
})
