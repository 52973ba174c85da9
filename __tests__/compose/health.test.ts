import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'

import { checkHealth, healthTable } from '../../src/compose/health.js'
import { Deadline } from '../../src/wait/clock.js'
import { FakeClock } from '../fixtures/clock.js'
import { RecordingReporter } from '../fixtures/reporter.js'
import { startCommons } from './scripted-instance.js'

describe("checking the commons' health through its public URL", () => {
  let commons: Awaited<ReturnType<typeof startCommons>>

  beforeEach(async () => {
    commons = await startCommons()
  })

  afterEach(async () => {
    await commons.close()
  })

  it('polls with backoff until every endpoint answers 200, as the portal finishes its build', async () => {
    commons.statuses.set('/index.html', 502)
    const clock = new FakeClock()
    const reporter = new RecordingReporter()
    let polls = 0
    const fetchThenHeal: typeof fetch = (input, init) => {
      const url = typeof input === 'string' ? input : ''
      if (url.endsWith('/index.html') && ++polls === 3) {
        commons.statuses.delete('/index.html')
      }
      return fetch(input, init)
    }

    const results = await checkHealth(
      `${commons.url}/`,
      new Deadline(clock, 600_000),
      reporter,
      { fetch: fetchThenHeal }
    )

    expect(results.map((result) => [result.service, result.status])).toEqual([
      ['revproxy-service', 200],
      ['portal-service', 200],
      ['fence-service', 200],
      ['indexd-service', 200],
      ['peregrine-service', 200],
      ['sheepdog-service', 200],
      ['pidgin-service', 200]
    ])
    expect(clock.sleeps).toEqual([5_000, 7_500])
    expect(reporter.at('debug')).toEqual([
      `Health of ${commons.url} after 0 s: portal-service (/index.html) answered 502`,
      `Health of ${commons.url} after 5 s: portal-service (/index.html) answered 502`
    ])
    expect(reporter.at('info')).toEqual([
      `All 7 health endpoints of ${commons.url} answer 200 after 13 s`
    ])
  })

  it('puts each endpoint in the job summary table', () => {
    expect(
      healthTable([
        {
          service: 'fence-service',
          path: '/user/.well-known/jwks',
          url: 'https://gen3.example.org/user/.well-known/jwks',
          status: undefined,
          error: 'no answer before the timeout',
          latencyMilliseconds: 10_000,
          healthy: false
        }
      ])
    ).toBe(
      '| Service | Endpoint | Answer | Time |\n' +
        '| --- | --- | --- | --- |\n' +
        '| fence-service | `/user/.well-known/jwks` | no answer before the timeout | 10000 ms |'
    )
  })
})
