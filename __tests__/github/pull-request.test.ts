import { describe, expect, it } from '@jest/globals'

import { pullRequestOf } from '../../src/github/pull-request.js'

const event = {
  pull_request: {
    number: 42,
    base: {
      sha: 'a'.repeat(40),
      ref: 'main',
      repo: { name: 'dictionary', owner: { login: 'centre' } }
    }
  },
  repository: { name: 'dictionary', owner: { login: 'centre' } }
}

function reading(payload: unknown) {
  return (path: string) => {
    expect(path).toBe('/runner/event.json')
    return JSON.stringify(payload)
  }
}

describe('reading the pull request from the event payload', () => {
  it('gives the repository, number and base commit of a pull_request event', () => {
    const pull = pullRequestOf(
      {
        GITHUB_EVENT_PATH: '/runner/event.json',
        GITHUB_REPOSITORY: 'centre/dictionary'
      },
      reading(event)
    )

    expect(pull).toEqual({
      owner: 'centre',
      repo: 'dictionary',
      number: 42,
      baseSha: 'a'.repeat(40),
      baseRef: 'main'
    })
  })

  it('falls back on the payload for the repository', () => {
    const pull = pullRequestOf(
      { GITHUB_EVENT_PATH: '/runner/event.json' },
      reading(event)
    )

    expect(pull).toMatchObject({ owner: 'centre', repo: 'dictionary' })
  })

  it('is undefined for a push event', () => {
    const push = { ref: 'refs/heads/main', repository: event.repository }

    expect(
      pullRequestOf({ GITHUB_EVENT_PATH: '/runner/event.json' }, reading(push))
    ).toBeUndefined()
  })

  it('is undefined outside a workflow', () => {
    expect(pullRequestOf({})).toBeUndefined()
  })

  it('is undefined when the payload cannot be read', () => {
    expect(
      pullRequestOf({ GITHUB_EVENT_PATH: '/runner/event.json' }, () => {
        throw new Error('ENOENT')
      })
    ).toBeUndefined()
  })
})
