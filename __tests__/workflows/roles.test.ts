import path from 'node:path'

import { describe, expect, it } from '@jest/globals'

import { workflowFiles } from '../../scripts/lint-workflows.js'
import { repositoryRoot } from '../fixtures/shared.js'
import { policyFiles } from '../stack/policy-documents.js'
import {
  allowedActions,
  callsOf,
  createdPolicies,
  jobsWithRoles,
  removingCalls,
  repository,
  roleVariables,
  rolesOfTheGuide,
  shippedTrustPolicies,
  subjectOf,
  unprotectedRemovals
} from './roles.js'
import type { Role } from './roles.js'
import { commandsOf, environmentOf, readWorkflow } from './workflow.js'

const workflows = workflowFiles(repositoryRoot).map((file) =>
  readWorkflow(path.relative(repositoryRoot, file))
)
const jobs = jobsWithRoles(workflows)
const roles = rolesOfTheGuide()
const variables = roleVariables()

const protectedEnvironment = environmentOf(
  readWorkflow('.github/workflows/poc.yml').jobs.deploy!
)!
const defaultBranch = (
  readWorkflow('.github/workflows/dictionary.yml').on.push as {
    branches: string[]
  }
).branches[0]!

function roleOf(variable: string): Role | undefined {
  const name = variables.get(variable)
  return roles.find((role) => role.name === name)
}

const filesOf: Partial<Record<string, string[]>> = policyFiles

/** The policy files of the commands deploy and destroy alone run. */
const removingPolicies = [...policyFiles.deploy, ...policyFiles.destroy]

describe('the AWS roles a centre sets up', () => {
  it('are two, each created with a trust policy the action ships', () => {
    expect(roles.map((role) => role.name)).toEqual([
      'gen3-poc-deploy',
      'gen3-poc-operate'
    ])
    expect(roles.map((role) => role.trustFile).sort()).toEqual(
      shippedTrustPolicies()
    )
  })

  it('are held by the variables the workflows read, one each', () => {
    const read = [...new Set(jobs.map(({ variable }) => variable))].sort()

    expect([...variables.keys()].sort()).toEqual(read)
    expect(read.map((variable) => roleOf(variable)?.name).sort()).toEqual(
      roles.map((role) => role.name).sort()
    )
  })

  it('each trust the subject of every job that names them', () => {
    const refused = jobs
      .filter(
        ({ job, variable }) =>
          !roleOf(variable)?.subjects.includes(subjectOf(job, defaultBranch))
      )
      .map(({ where }) => where)

    expect(refused).toEqual([])
    expect(jobs.length).toBeGreaterThanOrEqual(14)
  })

  it('each allow every AWS call the commands of the jobs that name them make', () => {
    const missing = jobs.flatMap(({ where, job, variable }) => {
      const allowed = allowedActions(roleOf(variable)?.policies ?? [])
      return [...callsOf(job)]
        .filter((call) => !allowed.has(call))
        .map((call) => `${where}: ${call}`)
    })

    expect(missing).toEqual([])
  })

  it('each hold exactly the policies of the commands their jobs run, within ten', () => {
    for (const role of roles) {
      const needed = jobs
        .filter(({ variable }) => roleOf(variable) === role)
        .flatMap(({ job }) => commandsOf(job))
        .flatMap((command) => filesOf[command] ?? [])

      expect([...role.policies].sort()).toEqual([...new Set(needed)].sort())
      expect(role.policies.length).toBeLessThanOrEqual(10)
    }
  })

  it('attach only policies the guide has created', () => {
    const created = createdPolicies()

    expect(
      roles
        .flatMap((role) => role.policies)
        .filter((name) => !created.includes(name))
    ).toEqual([])
    expect([...created].sort()).toEqual(
      [...new Set(roles.flatMap((role) => role.policies))].sort()
    )
  })
})

describe('removing the commons', () => {
  it('is open to no subject but the protected environment', () => {
    expect(unprotectedRemovals(roles, protectedEnvironment)).toEqual([])
    expect(
      roles.filter((role) =>
        removingCalls.some((call) => allowedActions(role.policies).has(call))
      )
    ).toHaveLength(1)
  })

  it('is out of reach of every job outside that environment', () => {
    const outside = jobs.filter(
      ({ job }) => environmentOf(job) !== protectedEnvironment
    )
    const reaching = outside.flatMap(({ where, variable }) => {
      const role = roleOf(variable)
      const allowed = allowedActions(role?.policies ?? [])
      return [
        ...(role?.policies ?? []).filter((name) =>
          removingPolicies.includes(name)
        ),
        ...removingCalls.filter((call) => allowed.has(call))
      ].map((what) => `${where}: ${what}`)
    })

    expect(reaching).toEqual([])
    expect(outside.map(({ where }) => where)).toEqual(
      expect.arrayContaining([
        '.github/workflows/hibernate.yml#hibernate',
        '.github/workflows/dictionary.yml#push',
        '.github/workflows/poc.yml#status',
        'examples/centre/.github/workflows/poc.yml#resume'
      ])
    )
  })

  it('takes the deploy role, which can, in deploy and destroy', () => {
    const removing = jobs
      .filter(({ variable }) =>
        removingCalls.every((call) =>
          allowedActions(roleOf(variable)?.policies ?? []).has(call)
        )
      )
      .map(({ where, job }) => [where, environmentOf(job)])

    expect(removing).toEqual(
      [
        '.github/workflows/poc.yml#deploy',
        '.github/workflows/poc.yml#destroy',
        'examples/centre/.github/workflows/poc.yml#deploy',
        'examples/centre/.github/workflows/poc.yml#destroy'
      ].map((where) => [where, protectedEnvironment])
    )
  })

  it('would be open to the default branch with one role for every job', () => {
    const oneRole: Role = {
      name: 'gen3-poc-github',
      trustFile: 'iam-trust-policy.json',
      subjects: [
        `${repository}:environment:${protectedEnvironment}`,
        `${repository}:ref:refs/heads/${defaultBranch}`
      ],
      policies: Object.values(policyFiles).flat()
    }

    expect(unprotectedRemovals([oneRole], protectedEnvironment)).toEqual([
      `${repository}:ref:refs/heads/main -> gen3-poc-github (cloudformation:DeleteStack)`,
      `${repository}:ref:refs/heads/main -> gen3-poc-github (cloudformation:UpdateTerminationProtection)`
    ])
  })
})
