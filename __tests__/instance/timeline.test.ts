import { describe, expect, it } from '@jest/globals'

import { Timeline } from '../../src/instance/timeline.js'
import { durationOf, timeOf } from '../../src/instance/when.js'
import { budget } from './world.js'

describe('the timeline of a command', () => {
  it('runs each phase in its own group and logs what it did with its seconds', async () => {
    const { deadline, reporter, clock } = budget()
    const timeline = new Timeline(reporter, deadline)

    const value = await timeline.phase('Start the instance', async (say) => {
      await clock.sleep(42_000)
      say('woke from hibernation')
      return 'running'
    })

    expect(value).toBe('running')
    expect(reporter.groups).toEqual(['Start the instance'])
    expect(reporter.at('info')).toEqual([
      'Start the instance: woke from hibernation (42 s)'
    ])
    expect(timeline.phases).toEqual([
      {
        title: 'Start the instance',
        outcome: 'done',
        detail: 'woke from hibernation',
        seconds: 42
      }
    ])
  })

  it('records a failed phase with its message and lets the error through', async () => {
    const { deadline, reporter, clock } = budget()
    const timeline = new Timeline(reporter, deadline)

    const failing = timeline.phase('Wait for the SSM agent', async () => {
      await clock.sleep(9_000)
      throw new Error('the agent is ConnectionLost')
    })

    await expect(failing).rejects.toThrow('the agent is ConnectionLost')
    expect(timeline.phases).toEqual([
      {
        title: 'Wait for the SSM agent',
        outcome: 'failed',
        detail: 'the agent is ConnectionLost',
        seconds: 9
      }
    ])
  })

  it('summarises every planned phase, those not reached included, and the total', async () => {
    const { deadline, reporter, clock } = budget()
    const timeline = new Timeline(reporter, deadline)
    await timeline.phase('Start', async (say) => {
      await clock.sleep(40_000)
      say('woke | fast')
    })
    await timeline
      .phase('Agent', async () => {
        await clock.sleep(20_000)
        throw new Error('Gave up\nwaiting')
      })
      .catch(() => undefined)
    timeline.skip('Extra', 'nothing to do')

    expect(
      timeline.markdown(
        'Resume gen3-poc',
        ['Start', 'Agent', 'Target'],
        ['URL: https://gen3.example.org']
      )
    ).toBe(
      [
        '### Resume gen3-poc',
        '',
        '| phase | what happened | seconds |',
        '| --- | --- | ---: |',
        '| Start | woke \\| fast | 40 |',
        '| Agent | **failed**: Gave up waiting | 20 |',
        '| Target | not reached | |',
        '| Extra | skipped: nothing to do | 0 |',
        '| **total** | | **60** |',
        '',
        '- URL: https://gen3.example.org',
        ''
      ].join('\n')
    )
  })
})

describe('times and spans as the logs write them', () => {
  it('writes a moment in UTC to the second', () => {
    expect(timeOf(Date.UTC(2026, 11, 3, 18, 30, 5, 999))).toBe(
      '2026-12-03T18:30:05Z'
    )
  })

  it.each([
    [0, '0 s'],
    [119_000, '119 s'],
    [120_000, '2 min'],
    [119 * 60_000, '119 min'],
    [120 * 60_000, '2 h'],
    [(6 * 60 + 30) * 60_000, '6 h 30 min'],
    [-5_000, '0 s']
  ])('writes %i ms as %s', (milliseconds, words) => {
    expect(durationOf(milliseconds)).toBe(words)
  })
})
