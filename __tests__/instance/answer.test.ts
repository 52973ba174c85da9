import { afterEach, describe, expect, it, jest } from '@jest/globals'

import { waitForAnswer } from '../../src/instance/answer.js'
import { WaitTimeoutError } from '../../src/wait/poll.js'
import { budget, url } from './world.js'

/** Answers each request with the next status; undefined is a refused connection. */
function answering(...statuses: (number | undefined)[]) {
  const queue = [...statuses]
  return jest.spyOn(globalThis, 'fetch').mockImplementation(() => {
    const status = queue.length > 1 ? queue.shift() : queue[0]
    return status === undefined
      ? Promise.reject(
          Object.assign(new TypeError('fetch failed'), {
            cause: new Error('connect ECONNREFUSED')
          })
        )
      : Promise.resolve(new Response('', { status }))
  })
}

afterEach(() => {
  jest.restoreAllMocks()
})

describe('waiting for the commons to answer over HTTPS', () => {
  it('probes until the URL answers 200, telling each new answer', async () => {
    const { deadline, reporter } = budget()
    const fetch = answering(503, 503, 502, 200)

    const result = await waitForAnswer(url, deadline, reporter)

    expect(result.status).toBe(200)
    expect(fetch).toHaveBeenCalledTimes(4)
    expect(fetch.mock.calls[0]?.[0]).toBe(url)
    expect(reporter.at('info')).toEqual([
      `${url} gives HTTP 503 (0 s)`,
      `${url} gives HTTP 502 (8 s)`,
      `${url} gives HTTP 200 (14 s)`
    ])
  })

  it('gives up at the deadline with the last answer', async () => {
    const { deadline, reporter } = budget(5)
    answering(502)

    const waiting = waitForAnswer(url, deadline, reporter)

    await expect(waiting).rejects.toThrow(WaitTimeoutError)
    await expect(waiting).rejects.toThrow(
      `Gave up waiting for ${url} to answer 200 after 300 s: its last answer was HTTP 502. Raise timeout-minutes if it needs longer.`
    )
  })

  it('says when no answer came at all', async () => {
    const { deadline, reporter } = budget(1)
    answering(undefined)

    await expect(waitForAnswer(url, deadline, reporter)).rejects.toThrow(
      `Gave up waiting for ${url} to answer 200 after 60 s: it gave no answer (fetch failed: connect ECONNREFUSED). Raise timeout-minutes if it needs longer.`
    )
  })
})
