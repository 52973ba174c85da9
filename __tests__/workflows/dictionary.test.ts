import { readFileSync } from 'node:fs'

import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'

import { actionSteps, credentialSteps, readWorkflow } from './workflow.js'
import type { Job } from './workflow.js'

const dictionary = readWorkflow('.github/workflows/dictionary.yml')
const on = dictionary.on as {
  pull_request: { paths: string[] }
  push: { branches: string[]; paths: string[] }
}
const review = dictionary.jobs.review!
const push = dictionary.jobs.push!
const folder = 'examples/centre/gen3/dictionary'

describe('dictionary.yml', () => {
  it('runs for pull requests and pushes to the default branch that touch the dictionary', () => {
    expect(on.pull_request.paths).toContain(`${folder}/**`)
    expect(on.push).toEqual({ branches: ['main'], paths: [`${folder}/**`] })
  })

  it('reviews a pull request with annotations and a comment, and nothing else', () => {
    expect(review.if).toBe("github.event_name == 'pull_request'")
    expect(actionSteps(review).map((step) => step.with)).toEqual([
      {
        command: 'validate-dictionary',
        'dictionary-dir': folder,
        'config-dir': 'examples/centre/gen3/config'
      }
    ])
  })

  it('lets the review comment on the pull request, and nothing more', () => {
    expect(review.permissions).toEqual({
      contents: 'read',
      'pull-requests': 'write'
    })
  })

  it('checks out the whole history, so the base branch dictionary can be compared', () => {
    const checkout = review.steps.find((step) =>
      step.uses?.startsWith('actions/checkout@')
    )

    expect(checkout?.with?.['fetch-depth']).toBe(0)
  })

  it('gives a pull request no AWS access at all', () => {
    expect(credentialSteps(review)).toEqual([])
    expect(review.permissions?.['id-token']).toBeUndefined()
  })

  it('pushes the merged dictionary with the operations role, which cannot remove the commons', () => {
    expect(push.if).toBe(
      "github.event_name == 'push' && vars.AWS_OPERATE_ROLE_ARN != ''"
    )
    expect(push.environment).toBeUndefined()
    expect(credentialSteps(push)).toHaveLength(1)
    expect(credentialSteps(push)[0]?.with?.['role-to-assume']).toBe(
      '${{ vars.AWS_OPERATE_ROLE_ARN }}'
    )
    expect(actionSteps(push).map((step) => step.with)).toEqual([
      {
        command: 'push-dictionary',
        'stack-name': "${{ vars.STACK_NAME || 'gen3-poc' }}",
        'dictionary-dir': folder,
        'config-dir': 'examples/centre/gen3/config'
      }
    ])
  })
})

describe('the README', () => {
  const readme = readFileSync(
    new URL('../../README.md', import.meta.url),
    'utf8'
  )
  const snippets = [...readme.matchAll(/```yaml\n([\s\S]*?)\n```/g)]
    .map((match) => match[1]!)
    .filter((text) => text.includes('command: validate-dictionary'))
    .map((text) => parse(text) as { jobs: Record<string, Job> })
  const centreReview = readWorkflow(
    'examples/centre/.github/workflows/dictionary.yml'
  ).jobs.review!

  it('shows the review job as a centre copies it: whole history, same actions, same permissions', () => {
    const jobs = snippets.flatMap((snippet) => Object.values(snippet.jobs))

    expect(jobs).not.toHaveLength(0)
    for (const job of jobs) {
      expect(job.steps).toEqual(centreReview.steps)
      expect(job.permissions).toEqual(centreReview.permissions)
    }
  })
})
