import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'

import { reviewAgainstBase } from '../../../src/dictionary/review/against-base.js'
import type { Git } from '../../../src/dictionary/review/base.js'
import type { Review } from '../../../src/dictionary/review/changes.js'
import {
  postReview,
  reviewMarker
} from '../../../src/dictionary/review/publish.js'
import type { PullRequest } from '../../../src/github/pull-request.js'
import { RecordingReporter } from '../../fixtures/reporter.js'
import { FakeThread } from '../../github/thread.js'

const review: Review = {
  changes: [
    {
      kind: 'node',
      action: 'removed',
      node: 'slide',
      detail: '3 properties, 1 link',
      breaking: 'sheepdog never drops tables'
    }
  ],
  nodes: { base: 2, head: 1 },
  problems: { base: [], head: [] }
}

const pullRequest: PullRequest = {
  owner: 'centre',
  repo: 'dictionary',
  number: 12,
  baseSha: 'c'.repeat(40),
  baseRef: 'main'
}

const env = {
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'centre/dictionary',
  GITHUB_RUN_ID: '99'
}

describe('posting the review', () => {
  it('writes only the job summary outside a pull request, and says so', async () => {
    const reporter = new RecordingReporter()
    const thread = new FakeThread()

    const posted = await postReview(review, {
      reporter,
      pullRequest: undefined,
      githubToken: 'token',
      env,
      comments: thread
    })

    expect(posted).toBeUndefined()
    expect(reporter.summaries).toHaveLength(1)
    expect(reporter.summaries[0]).toContain('| node removed | `slide` |')
    expect(reporter.at('notice')).toEqual([
      'Not a pull request: the dictionary review is in the job summary only.'
    ])
    expect(thread.calls).toEqual([])
  })

  it('creates the marked comment on the pull request the first time', async () => {
    const reporter = new RecordingReporter()
    const thread = new FakeThread()

    const posted = await postReview(review, {
      reporter,
      pullRequest,
      githubToken: 'token',
      env,
      comments: thread
    })

    expect(posted?.action).toBe('created')
    expect(thread.comments[0]?.body).toMatch(
      new RegExp(`^${reviewMarker}\\n### Data dictionary review\\n`)
    )
    expect(reporter.at('info')).toEqual([
      `Posted the dictionary review on pull request #12: ${posted?.url}`
    ])
    expect(reporter.summaries).toHaveLength(1)
  })

  it('updates the same comment on the next run', async () => {
    const thread = new FakeThread()
    const options = {
      pullRequest,
      githubToken: 'token',
      env,
      comments: thread
    }
    await postReview(review, { ...options, reporter: new RecordingReporter() })
    const reporter = new RecordingReporter()

    await postReview({ ...review, changes: [] }, { ...options, reporter })

    expect(thread.comments).toHaveLength(1)
    expect(thread.comments[0]?.body).toContain(
      'No changes to nodes, properties, links or enum values.'
    )
    expect(reporter.at('info')[0]).toMatch(
      /^Updated the dictionary review on pull request #12: /
    )
  })

  it('warns, and does not fail, when the token may not comment', async () => {
    const reporter = new RecordingReporter()
    const forbidden = Object.assign(
      new Error('Resource not accessible by integration'),
      { status: 403 }
    )

    const posted = await postReview(review, {
      reporter,
      pullRequest,
      githubToken: 'token',
      env,
      comments: new FakeThread([], forbidden)
    })

    expect(posted).toBeUndefined()
    expect(reporter.at('warning')).toEqual([
      'The review could not be posted on pull request #12: Resource not accessible by integration. Pull requests from forks get a read-only token; otherwise give the job `permissions: pull-requests: write`. The review is in the job summary.'
    ])
    expect(reporter.summaries).toHaveLength(1)
  })

  it('links the job summary from a comment too long to hold every row', async () => {
    const thread = new FakeThread()
    const many: Review = {
      ...review,
      changes: Array.from({ length: 3000 }, (_, index) => ({
        kind: 'enum' as const,
        action: 'added' as const,
        node: 'sample',
        name: 'code',
        value: `a-rather-long-enum-value-${index}`,
        detail: 'value added'
      }))
    }

    await postReview(many, {
      reporter: new RecordingReporter(),
      pullRequest,
      githubToken: 'token',
      env,
      comments: thread
    })

    const body = thread.comments[0]?.body ?? ''
    expect(body.length).toBeLessThanOrEqual(65_536)
    expect(body).toContain(
      'more: the whole review is in the [job summary](https://github.com/centre/dictionary/actions/runs/99)._'
    )
  })
})

/** A repository whose history is a map of ref → dictionary files. */
function fakeGit(history: Record<string, Record<string, string>>): {
  git: Git
  calls: string[]
} {
  const calls: string[] = []
  const git: Git = (args) => {
    calls.push(args.join(' '))
    const [command, ...rest] = args
    if (command === 'rev-parse') {
      const ref = (rest.at(-1) ?? '').replace('^{commit}', '')
      return ref in history
        ? Promise.resolve(`${ref}\n`)
        : Promise.reject(new Error('unknown revision'))
    }
    if (command === 'ls-tree') {
      const files = history[rest[1] ?? ''] ?? {}
      const folder = rest[3] ?? ''
      return Promise.resolve(
        Object.keys(files)
          .map((name) => `100644 blob 0000\t${folder}${name}\0`)
          .join('')
      )
    }
    const [ref = '', file = ''] = (rest[0] ?? '').split(':')
    return Promise.resolve(history[ref]?.[file.split('/').at(-1) ?? ''] ?? '')
  }
  return { git, calls }
}

function compileYaml(files: ReadonlyMap<string, string>) {
  return Object.fromEntries(
    [...files].map(([name, text]) => [name, parse(text) as unknown])
  )
}

const sample = {
  id: 'sample',
  properties: { kind: { enum: ['a', 'b'] } },
  required: [],
  links: []
}

describe('reviewing the pull request against its base', () => {
  it('compares with the pull request base commit and comments on it', async () => {
    const reporter = new RecordingReporter()
    const thread = new FakeThread()
    const { git, calls } = fakeGit({
      [pullRequest.baseSha]: {
        'sample.yaml': 'id: sample\nproperties:\n  kind: {enum: [a, b, c]}\n'
      }
    })

    const result = await reviewAgainstBase({
      head: { 'sample.yaml': sample },
      dictionaryDir: 'gen3/dictionary',
      baseRef: '',
      githubToken: 'token',
      env: { ...env, GITHUB_WORKSPACE: '/w' },
      reporter,
      compile: compileYaml,
      git,
      comments: thread,
      pullRequest
    })

    expect(result?.changes).toEqual([
      {
        kind: 'enum',
        action: 'removed',
        node: 'sample',
        name: 'kind',
        value: 'c',
        detail: 'value removed',
        breaking: 'existing records with this value no longer validate'
      }
    ])
    expect(calls[1]).toBe(
      `ls-tree -z ${pullRequest.baseSha} -- gen3/dictionary/`
    )
    expect(reporter.groups).toEqual(['Review the dictionary against ccccccc'])
    expect(thread.comments[0]?.body).toContain(
      'Compared `gen3/dictionary` at `ccccccc` with this pull request.'
    )
  })

  it('prefers dictionary-base-ref when it is given', async () => {
    const { git, calls } = fakeGit({ main: { 'sample.yaml': 'id: sample\n' } })

    await reviewAgainstBase({
      head: { 'sample.yaml': sample },
      dictionaryDir: 'gen3/dictionary',
      baseRef: 'main',
      githubToken: 'token',
      env,
      reporter: new RecordingReporter(),
      compile: compileYaml,
      git,
      comments: new FakeThread(),
      pullRequest
    })

    expect(calls[0]).toBe('rev-parse --verify --quiet main^{commit}')
  })

  it('sees every node as new when the base has no dictionary', async () => {
    const reporter = new RecordingReporter()
    const { git } = fakeGit({ main: {} })

    const result = await reviewAgainstBase({
      head: { 'sample.yaml': sample },
      dictionaryDir: 'gen3/dictionary',
      baseRef: 'main',
      githubToken: 'token',
      env,
      reporter,
      compile: () => {
        throw new Error('nothing to compile')
      },
      git,
      pullRequest: undefined
    })

    expect(result?.changes).toEqual([
      {
        kind: 'node',
        action: 'added',
        node: 'sample',
        detail: '1 property, 0 links'
      }
    ])
    expect(reporter.at('notice')).toEqual([
      'main has no dictionary in gen3/dictionary: every node is new.',
      'Not a pull request: the dictionary review is in the job summary only.'
    ])
  })

  it('warns, and does not fail, when the base dictionary does not compile', async () => {
    const reporter = new RecordingReporter()
    const thread = new FakeThread()
    const { git } = fakeGit({ main: { 'sample.yaml': 'id: [' } })

    const result = await reviewAgainstBase({
      head: { 'sample.yaml': sample },
      dictionaryDir: 'gen3/dictionary',
      baseRef: 'main',
      githubToken: 'token',
      env,
      reporter,
      compile: compileYaml,
      git,
      comments: thread,
      pullRequest
    })

    expect(result).toBeUndefined()
    expect(reporter.at('warning')[0]).toMatch(
      /^The dictionary at main could not be compiled, so there is no review: /
    )
    expect(thread.calls).toEqual([])
  })

  it('warns, and does not fail, when the base commit was not fetched', async () => {
    const reporter = new RecordingReporter()
    const { git } = fakeGit({})

    const result = await reviewAgainstBase({
      head: { 'sample.yaml': sample },
      dictionaryDir: 'gen3/dictionary',
      baseRef: '',
      githubToken: 'token',
      env,
      reporter,
      compile: compileYaml,
      git,
      pullRequest
    })

    expect(result).toBeUndefined()
    expect(reporter.at('warning')).toEqual([
      `The base commit '${pullRequest.baseSha}' is not in the checkout, so the dictionary cannot be compared with it: check out with \`fetch-depth: 0\` (actions/checkout), or set dictionary-base-ref to a ref that is fetched.`
    ])
  })

  it('does nothing but say so when there is no base to compare with', async () => {
    const reporter = new RecordingReporter()
    const { git, calls } = fakeGit({})

    const result = await reviewAgainstBase({
      head: {},
      dictionaryDir: 'gen3/dictionary',
      baseRef: '',
      githubToken: 'token',
      env,
      reporter,
      compile: compileYaml,
      git,
      pullRequest: undefined
    })

    expect(result).toBeUndefined()
    expect(calls).toEqual([])
    expect(reporter.at('notice')).toEqual([
      'No base to compare the dictionary with: this is not a pull request and dictionary-base-ref is empty. Set dictionary-base-ref (for example main) to get a review.'
    ])
  })
})
