import path from 'node:path'

import { describe, expect, it } from '@jest/globals'

import { commandNames } from '../../src/commands/names.js'
import { readDeclarations } from '../../src/inputs/declarations.js'
import { workflowFiles } from '../../scripts/lint-workflows.js'
import { repositoryRoot } from '../fixtures/shared.js'
import {
  actionSteps,
  changingCommands,
  commandsOf,
  credentialSteps,
  environmentOf,
  jobsOf,
  readWorkflow,
  stackGroup,
  stackName
} from './workflow.js'

const workflows = workflowFiles(repositoryRoot).map((file) =>
  readWorkflow(path.relative(repositoryRoot, file))
)

const allJobs = workflows.flatMap((workflow) =>
  jobsOf(workflow).map(([id, job]) => ({
    where: `${workflow.file}#${id}`,
    job
  }))
)

const inputNames = readDeclarations(
  new URL('../../action.yml', import.meta.url)
).inputs.map((input) => input.name)

describe('the workflows', () => {
  it('are the four of the project and the three a centre copies', () => {
    expect(workflows.map((workflow) => workflow.file)).toEqual([
      '.github/workflows/ci.yml',
      '.github/workflows/dictionary.yml',
      '.github/workflows/hibernate.yml',
      '.github/workflows/poc.yml',
      'examples/centre/.github/workflows/dictionary.yml',
      'examples/centre/.github/workflows/hibernate.yml',
      'examples/centre/.github/workflows/poc.yml'
    ])
  })

  it.each(workflows.map((workflow) => [workflow.file, workflow] as const))(
    '%s grants nothing at the top level beyond reading the code',
    (_file, workflow) => {
      expect([{}, { contents: 'read' }]).toContainEqual(workflow.permissions)
    }
  )

  it('say, for every job, which permissions it needs', () => {
    const without = allJobs
      .filter(({ job }) => typeof job.permissions !== 'object')
      .map(({ where }) => where)

    expect(without).toEqual([])
  })

  it('ask for an OIDC token in the jobs that assume the AWS role, and only there', () => {
    const mismatched = allJobs
      .filter(
        ({ job }) =>
          (job.permissions?.['id-token'] === 'write') !==
          credentialSteps(job).length > 0
      )
      .map(({ where }) => where)

    expect(mismatched).toEqual([])
    expect(
      allJobs.filter(({ job }) => credentialSteps(job).length > 0)
    ).not.toHaveLength(0)
  })

  it('assume a role through OIDC only, from the repository variables: the deploy role in the protected environment, the operations role elsewhere', () => {
    const withRoles = allJobs.filter(({ job }) => credentialSteps(job).length)
    const credentials = withRoles.flatMap(({ job }) => credentialSteps(job))

    expect(
      withRoles.map(({ where, job }) => [
        where,
        credentialSteps(job)[0]?.with?.['role-to-assume']
      ])
    ).toEqual(
      withRoles.map(({ where, job }) => [
        where,
        environmentOf(job) === 'gen3-poc'
          ? '${{ vars.AWS_DEPLOY_ROLE_ARN }}'
          : '${{ vars.AWS_OPERATE_ROLE_ARN }}'
      ])
    )
    for (const step of credentials) {
      expect(step.uses).toMatch(/^aws-actions\/configure-aws-credentials@v\d+$/)
      expect(step.with).toMatchObject({
        'aws-region': '${{ vars.AWS_REGION }}'
      })
      expect(
        Object.keys(step.with ?? {}).filter(
          (key) =>
            ![
              'role-to-assume',
              'aws-region',
              'role-session-name',
              'role-duration-seconds'
            ].includes(key)
        )
      ).toEqual([])
    }
  })

  it.each(workflows.map((workflow) => [workflow.file, workflow] as const))(
    '%s holds no AWS access key, secret or session token',
    (_file, workflow) => {
      expect(workflow.text).not.toMatch(
        /aws-access-key-id|aws-secret-access-key|aws-session-token|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|\bA[KS]IA[0-9A-Z]{16}\b/
      )
    }
  )

  it('pin every other action to a major version tag', () => {
    const unpinned = allJobs
      .flatMap(({ where, job }) =>
        job.steps.map((step) => ({ where, uses: step.uses }))
      )
      .filter(({ uses }) => uses !== undefined && uses !== './')
      .filter(
        ({ uses }) => !/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@v\d+$/.test(uses ?? '')
      )

    expect(unpinned).toEqual([])
  })

  it('leave no token in the git config of a checkout', () => {
    const checkouts = allJobs.flatMap(({ where, job }) =>
      job.steps
        .filter((step) => step.uses?.startsWith('actions/checkout@'))
        .map((step) => ({ where, persist: step.with?.['persist-credentials'] }))
    )

    expect(checkouts.filter(({ persist }) => persist !== false)).toEqual([])
    expect(checkouts).not.toHaveLength(0)
  })

  it('give the action only inputs that action.yml declares', () => {
    const unknown = allJobs.flatMap(({ where, job }) =>
      actionSteps(job).flatMap((step) =>
        Object.keys(step.with ?? {})
          .filter((key) => !inputNames.includes(key))
          .map((key) => `${where}: ${key}`)
      )
    )

    expect(unknown).toEqual([])
  })

  it('give the action commands it knows', () => {
    const commands = allJobs.flatMap(({ job }) => commandsOf(job))

    expect(
      commands.filter(
        (command) => !(commandNames as readonly string[]).includes(command)
      )
    ).toEqual([])
    expect(new Set(commands)).toEqual(
      new Set([
        'synth',
        'validate-dictionary',
        'status',
        'resume',
        'hibernate',
        'deploy',
        'push-dictionary',
        'destroy'
      ])
    )
  })
})

describe('one run at a time changes the stack', () => {
  const changing = allJobs.filter(({ job }) =>
    commandsOf(job).some((command) => changingCommands.includes(command))
  )

  it('through poc, the nightly hibernate and the dictionary push alike', () => {
    const files = new Set(changing.map(({ where }) => where.split('#')[0]))

    expect([...files].sort()).toEqual([
      '.github/workflows/dictionary.yml',
      '.github/workflows/hibernate.yml',
      '.github/workflows/poc.yml',
      'examples/centre/.github/workflows/dictionary.yml',
      'examples/centre/.github/workflows/hibernate.yml',
      'examples/centre/.github/workflows/poc.yml'
    ])
  })

  it('because every job that changes it queues in the one group of its stack', () => {
    const groups = changing.map(({ where, job }) => ({
      where,
      concurrency: job.concurrency
    }))

    expect(groups).toEqual(
      changing.map(({ where }) => ({
        where,
        concurrency: { group: stackGroup, 'cancel-in-progress': false }
      }))
    )
  })

  it('and that group is the stack the job names', () => {
    const stacks = changing.flatMap(({ job }) =>
      actionSteps(job).map((step) => step.with?.['stack-name'])
    )

    expect(new Set(stacks)).toEqual(new Set([stackName]))
    expect(stackGroup).toBe(`gen3-poc-${stackName}`)
  })

  it('and no workflow that changes it cancels runs as a whole', () => {
    const files = new Set(changing.map(({ where }) => where.split('#')[0]))

    expect(
      workflows
        .filter((workflow) => files.has(workflow.file))
        .filter((workflow) => workflow.concurrency !== undefined)
        .map((workflow) => workflow.file)
    ).toEqual([])
  })

  it('while status, which only reads, does not wait its turn', () => {
    const status = allJobs.filter(({ job }) =>
      commandsOf(job).includes('status')
    )

    expect(status.map(({ job }) => job.concurrency)).toEqual([
      undefined,
      undefined
    ])
  })
})

describe('deploy and destroy', () => {
  const byCommand = (commands: string[]) =>
    allJobs.filter(({ job }) =>
      commandsOf(job).some((command) => commands.includes(command))
    )

  it('run in the protected environment gen3-poc', () => {
    const jobs = byCommand(['deploy', 'destroy'])

    expect(jobs.map(({ job }) => environmentOf(job))).toEqual(
      jobs.map(() => 'gen3-poc')
    )
    expect(jobs).toHaveLength(4)
  })

  it('are the only jobs that wait for the environment', () => {
    const others = allJobs.filter(
      ({ job }) =>
        !commandsOf(job).some((command) =>
          ['deploy', 'destroy'].includes(command)
        )
    )

    expect(
      others
        .filter(({ job }) => job.environment !== undefined)
        .map(({ where }) => where)
    ).toEqual([])
  })

  it('destroy passes on the confirmation typed when the run was started', () => {
    const confirms = byCommand(['destroy']).flatMap(({ job }) =>
      actionSteps(job).map((step) => step.with?.confirm)
    )

    expect(confirms).toEqual(['${{ inputs.confirm }}', '${{ inputs.confirm }}'])
  })
})
