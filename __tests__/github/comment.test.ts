import { describe, expect, it } from '@jest/globals'

import {
  CommentForbiddenError,
  upsertComment
} from '../../src/github/comment.js'
import { FakeThread } from './thread.js'

const marker = '<!-- gen3-poc:dictionary-review -->'

const target = { owner: 'o', repo: 'r', number: 7, marker }

describe('keeping one review comment per pull request', () => {
  it('creates the comment, marked, the first time', async () => {
    const thread = new FakeThread([
      { id: 1, body: 'Looks good', html_url: 'u1' }
    ])

    const posted = await upsertComment(thread, { ...target, body: 'review 1' })

    expect(posted).toEqual({
      action: 'created',
      url: 'https://github.com/o/r/pull/7#issuecomment-101'
    })
    expect(thread.calls).toEqual(['list page 1', 'create on #7'])
    expect(thread.comments[1]?.body).toBe(`${marker}\nreview 1`)
  })

  it('updates the marked comment in place after that', async () => {
    const thread = new FakeThread([
      { id: 1, body: 'Looks good', html_url: 'u1' },
      { id: 2, body: `${marker}\nreview 1`, html_url: 'u2' }
    ])

    const posted = await upsertComment(thread, { ...target, body: 'review 2' })

    expect(posted).toEqual({ action: 'updated', url: 'u2' })
    expect(thread.calls).toEqual(['list page 1', 'update 2'])
    expect(thread.comments.map((comment) => comment.body)).toEqual([
      'Looks good',
      `${marker}\nreview 2`
    ])
  })

  it('looks past the first page of comments', async () => {
    const chatter = Array.from({ length: 150 }, (_, id) => ({
      id,
      body: `comment ${id}`,
      html_url: `u${id}`
    }))
    const thread = new FakeThread([
      ...chatter,
      { id: 500, body: `${marker}\nold`, html_url: 'u500' }
    ])

    const posted = await upsertComment(thread, { ...target, body: 'new' })

    expect(posted.action).toBe('updated')
    expect(thread.calls).toEqual(['list page 1', 'list page 2', 'update 500'])
  })

  it('ignores a comment that only quotes the marker', async () => {
    const thread = new FakeThread([
      { id: 3, body: `> ${marker}\n> old review`, html_url: 'u3' }
    ])

    const posted = await upsertComment(thread, { ...target, body: 'new' })

    expect(posted.action).toBe('created')
  })

  it('turns a 403 into an error that says why and what to do', async () => {
    const forbidden = Object.assign(
      new Error('Resource not accessible by integration'),
      { status: 403 }
    )
    const thread = new FakeThread([], forbidden)

    const failure = upsertComment(thread, { ...target, body: 'x' })

    await expect(failure).rejects.toThrow(CommentForbiddenError)
    await expect(failure).rejects.toThrow(
      'The review could not be posted on pull request #7: Resource not accessible by integration. Pull requests from forks get a read-only token; otherwise give the job `permissions: pull-requests: write`.'
    )
  })

  it('lets other failures through as they are', async () => {
    const outage = Object.assign(new Error('Server Error'), { status: 502 })
    const thread = new FakeThread([], outage)

    await expect(upsertComment(thread, { ...target, body: 'x' })).rejects.toBe(
      outage
    )
  })
})
