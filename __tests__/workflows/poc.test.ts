import { describe, expect, it } from '@jest/globals'

import {
  actionSteps,
  commandsOf,
  credentialSteps,
  environmentOf,
  jobsOf,
  readWorkflow
} from './workflow.js'

const poc = readWorkflow('.github/workflows/poc.yml')

interface DispatchInput {
  type: string
  options?: string[]
  default?: unknown
}

const inputs = (
  poc.on.workflow_dispatch as { inputs: Record<string, DispatchInput> }
).inputs

describe('poc.yml', () => {
  it('starts only by hand, asking for a command, the hours to stay awake and the confirmation', () => {
    expect(Object.keys(poc.on)).toEqual(['workflow_dispatch'])
    expect(inputs.command).toMatchObject({ type: 'choice', default: 'status' })
    expect([...(inputs.command?.options ?? [])].sort()).toEqual([
      'deploy',
      'destroy',
      'hibernate',
      'resume',
      'status'
    ])
    expect(inputs['keep-awake-hours']).toMatchObject({
      type: 'number',
      default: 0
    })
    expect(inputs.confirm).toMatchObject({ type: 'string', default: '' })
  })

  it.each(inputs.command?.options ?? [])(
    'runs %s in a job of its own, chosen by the command input',
    (command) => {
      const chosen = jobsOf(poc).filter(
        ([, job]) => job.if === `inputs.command == '${command}'`
      )

      expect(chosen).toHaveLength(1)
      expect(commandsOf(chosen[0]![1])[0]).toBe(command)
    }
  )

  it('assumes the AWS role in every job, since every command calls AWS', () => {
    expect(
      jobsOf(poc).map(([id, job]) => [id, credentialSteps(job).length])
    ).toEqual(jobsOf(poc).map(([id]) => [id, 1]))
  })

  it('takes the deploy role in the environment jobs, deploy and destroy, and the operations role in the others', () => {
    expect(
      jobsOf(poc).map(([id, job]) => [
        id,
        environmentOf(job) ?? null,
        credentialSteps(job)[0]?.with?.['role-to-assume']
      ])
    ).toEqual([
      ['status', null, '${{ vars.AWS_OPERATE_ROLE_ARN }}'],
      ['resume', null, '${{ vars.AWS_OPERATE_ROLE_ARN }}'],
      ['hibernate', null, '${{ vars.AWS_OPERATE_ROLE_ARN }}'],
      ['deploy', 'gen3-poc', '${{ vars.AWS_DEPLOY_ROLE_ARN }}'],
      ['destroy', 'gen3-poc', '${{ vars.AWS_DEPLOY_ROLE_ARN }}']
    ])
  })

  it('passes the hours to stay awake to resume and to nothing else', () => {
    const given = jobsOf(poc).flatMap(([id, job]) =>
      actionSteps(job)
        .filter((step) => step.with?.['keep-awake-hours'] !== undefined)
        .map((step) => [id, step.with?.['keep-awake-hours']])
    )

    expect(given).toEqual([['resume', '${{ inputs.keep-awake-hours }}']])
  })

  it('deploys with the domain, the zone and the OAuth client from variables and secrets, then pushes the dictionary', () => {
    const deploy = poc.jobs.deploy!

    expect(actionSteps(deploy).map((step) => step.with)).toEqual([
      {
        command: 'deploy',
        'stack-name': "${{ vars.STACK_NAME || 'gen3-poc' }}",
        domain: '${{ vars.DOMAIN }}',
        'hosted-zone-id': '${{ vars.HOSTED_ZONE_ID }}',
        'config-dir': 'examples/centre/gen3/config',
        'oauth-client-id': '${{ secrets.OAUTH_CLIENT_ID }}',
        'oauth-client-secret': '${{ secrets.OAUTH_CLIENT_SECRET }}',
        'timeout-minutes': 90
      },
      {
        command: 'push-dictionary',
        'stack-name': "${{ vars.STACK_NAME || 'gen3-poc' }}",
        'dictionary-dir': 'examples/centre/gen3/dictionary',
        'timeout-minutes': 25
      }
    ])
  })

  it("gives deploy more than the default hour, the two steps within the job's time and the job within the role's session", () => {
    const deploy = poc.jobs.deploy!
    const budgets = actionSteps(deploy).map((step) =>
      Number(step.with?.['timeout-minutes'] ?? 60)
    )
    const credentials = credentialSteps(deploy)[0]!
    const sessionMinutes =
      Number(credentials.with?.['role-duration-seconds'] ?? 3600) / 60

    expect(budgets[0]).toBeGreaterThan(60)
    expect(budgets.reduce((sum, minutes) => sum + minutes, 0)).toBeLessThan(
      Number(deploy['timeout-minutes'])
    )
    expect(Number(deploy['timeout-minutes'])).toBeLessThanOrEqual(
      sessionMinutes
    )
  })

  it('shows the commons address on the deployment', () => {
    expect(poc.jobs.deploy?.environment).toEqual({
      name: 'gen3-poc',
      url: '${{ steps.deploy.outputs.url }}'
    })
  })

  it('hands the OAuth client secrets to the deploy job alone', () => {
    const holders = jobsOf(poc)
      .filter(([, job]) => JSON.stringify(job).includes('secrets.'))
      .map(([id]) => id)

    expect(holders).toEqual(['deploy'])
  })
})
