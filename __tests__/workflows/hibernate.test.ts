import { describe, expect, it } from '@jest/globals'

import { actionSteps, credentialSteps, readWorkflow } from './workflow.js'

const hibernate = readWorkflow('.github/workflows/hibernate.yml')
const schedule = hibernate.on.schedule as { cron: string }[]

/** The ranges GitHub's five cron fields accept (POSIX cron, UTC). */
const fields = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of the month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of the week', min: 0, max: 6 }
]

/** Problems with a cron line, one per field; empty when GitHub accepts it. */
function cronProblems(cron: string): string[] {
  const parts = cron.trim().split(/\s+/)
  if (parts.length !== fields.length) {
    return [`${parts.length} fields, not ${fields.length}`]
  }

  return parts.flatMap((part, index) => {
    const { name, min, max } = fields[index]!
    const inRange = (text: string | undefined) =>
      text !== undefined &&
      /^\d+$/.test(text) &&
      Number(text) >= min &&
      Number(text) <= max
    const valid = part.split(',').every((item) => {
      const [range, step] = item.split('/')
      if (step !== undefined && !/^[1-9]\d*$/.test(step)) return false
      if (range === '*') return true
      const [from, to] = range?.split('-') ?? []
      return inRange(from) && (to === undefined || inRange(to))
    })
    return valid ? [] : [`${name} '${part}' is not within ${min}-${max}`]
  })
}

function sydneyTime(utc: Date): string {
  return new Intl.DateTimeFormat('en-AU', {
    timeZone: 'Australia/Sydney',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23'
  }).format(utc)
}

describe('reading a cron line as GitHub does', () => {
  it.each([
    ['17 9 * * *', []],
    ['0,30 8-18/2 1 1-12 1-5', []],
    ['17 9 * *', ['4 fields, not 5']],
    ['60 9 * * *', ["minute '60' is not within 0-59"]],
    ['17 24 * * *', ["hour '24' is not within 0-23"]],
    ['17 9 0 * *', ["day of the month '0' is not within 1-31"]],
    ['17 9 * 13 *', ["month '13' is not within 1-12"]],
    ['17 9 * * 7', ["day of the week '7' is not within 0-6"]],
    ['*/0 9 * * *', ["minute '*/0' is not within 0-59"]],
    ['17 9 L * *', ["day of the month 'L' is not within 1-31"]]
  ])('%s: %j', (cron, problems) => {
    expect(cronProblems(cron)).toEqual(problems)
  })
})

describe('hibernate.yml', () => {
  it('runs on a schedule and by hand', () => {
    expect(Object.keys(hibernate.on)).toEqual(['schedule', 'workflow_dispatch'])
    expect(schedule).toHaveLength(1)
  })

  it('has a cron line GitHub accepts', () => {
    expect(cronProblems(schedule[0]!.cron)).toEqual([])
  })

  it('runs once a day, off the hour when GitHub is busiest', () => {
    const [minute, hour, ...days] = schedule[0]!.cron.split(' ')

    expect(minute).toMatch(/^\d+$/)
    expect(minute).not.toBe('0')
    expect(hour).toMatch(/^\d+$/)
    expect(days).toEqual(['*', '*', '*'])
  })

  it('tells the centre the true Sydney times of its cron, winter and summer', () => {
    const [minute, hour] = schedule[0]!.cron.split(' ').map(Number)
    const winter = sydneyTime(new Date(Date.UTC(2026, 6, 1, hour, minute)))
    const summer = sydneyTime(new Date(Date.UTC(2026, 0, 15, hour, minute)))

    expect([winter, summer]).toEqual(['19:17', '20:17'])
    expect(hibernate.text).toContain(
      `hibernates at ${winter} in winter and ${summer} in summer`
    )
  })

  it('hibernates and never falls back to a plain stop', () => {
    const steps = actionSteps(hibernate.jobs.hibernate!)

    expect(steps.map((step) => step.with)).toEqual([
      {
        command: 'hibernate',
        'stack-name': "${{ vars.STACK_NAME || 'gen3-poc' }}"
      }
    ])
  })

  it('takes the operations role, outside any environment', () => {
    const job = hibernate.jobs.hibernate!

    expect(job.environment).toBeUndefined()
    expect(
      credentialSteps(job).map((step) => step.with?.['role-to-assume'])
    ).toEqual(['${{ vars.AWS_OPERATE_ROLE_ARN }}'])
  })

  it('skips the nightly run in a repository with no role, never a run by hand', () => {
    expect(hibernate.jobs.hibernate?.if).toBe(
      "github.event_name == 'workflow_dispatch' || vars.AWS_OPERATE_ROLE_ARN != ''"
    )
  })
})
