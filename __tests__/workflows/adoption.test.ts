import { readFileSync } from 'node:fs'

import { describe, expect, it } from '@jest/globals'

import { centreWorkflowNames } from '../../scripts/centre-workflows.js'
import { policyFiles, policySize } from '../stack/policy-documents.js'
import {
  createdPolicies,
  rolesOfTheGuide,
  shippedTrustPolicies,
  trustPolicy,
  trustedSubjects
} from './roles.js'
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

  it('shows the subjects of the trust policies it ships', () => {
    const subjects = shippedTrustPolicies().flatMap((file) =>
      trustedSubjects(trustPolicy(file))
    )

    expect(subjects).toHaveLength(2)
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
    const attached = new Set(rolesOfTheGuide().flatMap((role) => role.policies))

    expect([...attached].sort()).toEqual(needed.sort())
    expect(createdPolicies().sort()).toEqual(needed.sort())
    expect(needed).toHaveLength(7)
  })

  it('counts the managed policies of each role as it attaches them', () => {
    const counts = rolesOfTheGuide().map((role) => role.policies.length)

    expect(counts).toEqual([4, 4])
    expect(adopting).toContain('four on each role of the ten a role may have')
  })

  it('attaches them as managed policies, since the deploy role would not fit inline ones', () => {
    const deploy = rolesOfTheGuide().find(
      (role) => role.name === 'gen3-poc-deploy'
    )
    const characters = (deploy?.policies ?? []).reduce(
      (sum, name) => sum + policySize(name),
      0
    )

    expect(characters).toBeGreaterThan(10_240)
    expect(adopting).toContain('aws iam create-policy')
    expect(adopting).toContain('aws iam attach-role-policy')
  })

  it('gives the deploy role alone the two-hour session the deploy job asks for', () => {
    const sessions = [
      ...adopting.matchAll(
        /^aws iam create-role --role-name (\S+) \\\n.*(?:\n {2}.*)?$/gm
      )
    ].map((match) => [
      match[1],
      /--max-session-duration (\d+)/.exec(match[0])?.[1]
    ])

    expect(sessions).toEqual([
      ['gen3-poc-deploy', '7200'],
      ['gen3-poc-operate', undefined]
    ])
  })
})
