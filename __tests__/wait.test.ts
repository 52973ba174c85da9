import { describe, expect, it } from '@jest/globals'

import { Deadline } from '../src/wait/clock.js'
import type { Poll } from '../src/wait/poll.js'
import { waitFor, WaitTimeoutError } from '../src/wait/poll.js'
import { FakeClock } from './fixtures/clock.js'

describe('waiting within a deadline', () => {
  it('returns as soon as the poll is done, without sleeping', async () => {
    const clock = new FakeClock()
    const value = await waitFor({
      what: 'the stack',
      deadline: Deadline.ofMinutes(clock, 1),
      poll: () => Promise.resolve({ done: true, value: 'CREATE_COMPLETE' })
    })

    expect(value).toBe('CREATE_COMPLETE')
    expect(clock.sleeps).toEqual([])
  })

  it('polls quickly at first, then backs off to the maximum delay', async () => {
    const clock = new FakeClock()
    let looks = 0
    await waitFor({
      what: 'the instance',
      deadline: Deadline.ofMinutes(clock, 10),
      firstDelayMilliseconds: 1000,
      maxDelayMilliseconds: 3000,
      poll: (): Promise<Poll<number>> =>
        Promise.resolve(
          ++looks === 6
            ? { done: true, value: looks }
            : { done: false, missing: 'still pending' }
        )
    })

    expect(clock.sleeps).toEqual([1000, 1500, 2250, 3000, 3000])
  })

  it('gives up at the deadline, saying what was still missing', async () => {
    const clock = new FakeClock()
    const pending: string[] = []
    const waiting = waitFor({
      what: 'the target to be healthy',
      deadline: Deadline.ofMinutes(clock, 1),
      poll: () =>
        Promise.resolve({ done: false, missing: 'target is unhealthy' }),
      onPending: (missing) => pending.push(missing)
    })

    await expect(waiting).rejects.toThrow(
      new WaitTimeoutError(
        'the target to be healthy',
        'target is unhealthy',
        60
      )
    )
    await expect(waiting).rejects.toThrow(
      'Gave up waiting for the target to be healthy after 60 s: target is unhealthy. Raise timeout-minutes if it needs longer.'
    )
    expect(clock.now() - Date.UTC(2026, 11, 3, 12, 0, 0)).toBe(60_000)
    expect(pending.length).toBeGreaterThan(3)
  })
})
