import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { commandsOf, credentialSteps, environmentOf } from './workflow.js'
import type { Job, Workflow } from './workflow.js'
import { reachableActions, source } from '../stack/code-scan.js'
import { policyDocument } from '../stack/policy-documents.js'

/**
 * The AWS roles as a centre sets them up by the README ("Adopting it in a
 * centre", steps 3, 4 and 6), and the jobs of the workflows that take them.
 */

/** The part of the README that tells a centre how to adopt the action. */
export function adoptionGuide(): string {
  const readme = readFileSync(
    new URL('../../README.md', import.meta.url),
    'utf8'
  )
  return readme.slice(
    readme.indexOf('## Adopting it in a centre'),
    readme.indexOf('## Troubleshooting')
  )
}

export interface TrustStatement {
  Sid?: string
  Effect: string
  Principal: { Federated: string }
  Action: string
  Condition: Record<string, Record<string, string | string[]>>
}

export interface TrustPolicy {
  Version: string
  Statement: TrustStatement[]
}

/** The trust policies shipped in docs/, by file name. */
export function shippedTrustPolicies(): string[] {
  return readdirSync(new URL('../../docs/', import.meta.url))
    .filter((name) => /^iam-trust-policy.*\.json$/.test(name))
    .sort()
}

export function trustPolicy(file: string): TrustPolicy {
  return JSON.parse(
    readFileSync(new URL(`../../docs/${file}`, import.meta.url), 'utf8')
  ) as TrustPolicy
}

const subjectKey = 'token.actions.githubusercontent.com:sub'

/** The `sub` claims a trust policy accepts. */
export function trustedSubjects(policy: TrustPolicy): string[] {
  return policy.Statement.filter(
    (statement) =>
      statement.Effect === 'Allow' &&
      statement.Action === 'sts:AssumeRoleWithWebIdentity'
  ).flatMap((statement) => {
    const subjects = Object.values(statement.Condition).flatMap((test) => {
      const value = test[subjectKey]
      return value === undefined ? [] : [value].flat()
    })
    return subjects
  })
}

export interface Role {
  name: string
  /** The trust policy file in docs/ it is created with. */
  trustFile: string
  subjects: string[]
  /** The documents of policy/ attached to it, by file name. */
  policies: string[]
}

/** The roles the README creates, with their trust and their policies. */
export function rolesOfTheGuide(guide = adoptionGuide()): Role[] {
  const created = [
    ...guide.matchAll(
      /^aws iam create-role --role-name (\S+) \\\n\s+--assume-role-policy-document file:\/\/(\S+)/gm
    )
  ].map((match) => ({ name: match[1]!, trustFile: match[2]! }))
  const attached = [
    ...guide.matchAll(
      /^for name in ([a-z -]+); do\n\s+aws iam attach-role-policy --role-name (\S+) \\/gm
    )
  ].map((match) => ({ role: match[2]!, policies: match[1]!.split(' ') }))

  return created.map(({ name, trustFile }) => ({
    name,
    trustFile,
    subjects: trustedSubjects(trustPolicy(trustFile)),
    policies: attached
      .filter(({ role }) => role === name)
      .flatMap(({ policies }) => policies)
  }))
}

/** The policies the README creates before it attaches them. */
export function createdPolicies(guide = adoptionGuide()): string[] {
  const loop =
    /^for name in ([a-z -]+); do\n\s+aws iam create-policy --policy-name /m.exec(
      guide
    )
  return loop?.[1]?.split(' ') ?? []
}

/** The role each repository variable holds, as `gh variable set` sets it. */
export function roleVariables(guide = adoptionGuide()): Map<string, string> {
  return new Map(
    [
      ...guide.matchAll(
        /^gh variable set ([A-Z_]+) --body arn:aws:iam::\d{12}:role\/(\S+)$/gm
      )
    ].map((match) => [match[1]!, match[2]!])
  )
}

/** The repository variable a job takes its role from, if it takes one. */
export function roleVariableOf(job: Job): string | undefined {
  const [step] = credentialSteps(job)
  const role = step?.with?.['role-to-assume']
  if (typeof role !== 'string') return undefined
  const variable = /^\$\{\{ vars\.([A-Z_]+) \}\}$/.exec(role)
  return variable?.[1] ?? role
}

export const repository = 'repo:<OWNER>/<REPO>'

/**
 * The `sub` claim of a job's token when it runs from the default branch
 * (GitHub docs, OpenID Connect reference): the environment's when the job
 * names one, else the branch's, for a scheduled run, a push or a run by hand
 * alike.
 */
export function subjectOf(job: Job, defaultBranch: string): string {
  const environment = environmentOf(job)
  return environment === undefined
    ? `${repository}:ref:refs/heads/${defaultBranch}`
    : `${repository}:environment:${environment}`
}

/** Every IAM action the documents allow. */
export function allowedActions(policies: string[]): Set<string> {
  return new Set(
    policies
      .flatMap((name) => policyDocument(name).Statement)
      .filter((statement) => statement.Effect === 'Allow')
      .flatMap((statement) => statement.Action)
  )
}

/** Every AWS call the commands of a job can send. */
export function callsOf(job: Job): Set<string> {
  return new Set(
    commandsOf(job).flatMap((command) => [
      ...reachableActions(path.join(source, 'commands', `${command}.ts`))
    ])
  )
}

/** Calls that remove the commons or its protection against removal. */
export const removingCalls = [
  'cloudformation:DeleteStack',
  'cloudformation:UpdateTerminationProtection'
]

/**
 * The subjects, other than a protected environment's, that can take a role
 * able to remove the commons: each as `subject -> role (call)`. Empty is safe.
 */
export function unprotectedRemovals(
  roles: Role[],
  protectedEnvironment: string
): string[] {
  const protectedSubject = `${repository}:environment:${protectedEnvironment}`
  return roles.flatMap((role) => {
    const allowed = allowedActions(role.policies)
    const removing = removingCalls.filter((call) => allowed.has(call))
    return role.subjects
      .filter((subject) => subject !== protectedSubject)
      .flatMap((subject) =>
        removing.map((call) => `${subject} -> ${role.name} (${call})`)
      )
  })
}

export interface RoleJob {
  where: string
  job: Job
  variable: string
}

/** The jobs of the workflows that take an AWS role, with its variable. */
export function jobsWithRoles(workflows: Workflow[]): RoleJob[] {
  return workflows.flatMap((workflow) =>
    Object.entries(workflow.jobs).flatMap(([id, job]) => {
      const variable = roleVariableOf(job)
      return variable === undefined
        ? []
        : [{ where: `${workflow.file}#${id}`, job, variable }]
    })
  )
}
