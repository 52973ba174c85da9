import { describe, expect, it } from '@jest/globals'

import type { HibernationRequest } from '../../src/instance/hibernation-plan.js'
import {
  HibernationNotConfiguredError,
  InstanceNotReadyError,
  planHibernation
} from '../../src/instance/hibernation-plan.js'
import type { InstanceView } from '../../src/instance/instance.js'
import { InstanceGoneError } from '../../src/instance/instance.js'
import { instanceId, minutes, noon, viewOf } from './world.js'

function instance(shape: Partial<InstanceView> = {}): InstanceView {
  return { ...viewOf(), ...shape }
}

const scheduled: HibernationRequest = {
  now: noon,
  trigger: 'schedule',
  fallbackToStop: false
}
const byHand: HibernationRequest = {
  ...scheduled,
  trigger: 'workflow_dispatch'
}

describe('deciding whether the instance may hibernate', () => {
  it('hibernates a running instance that is configured and launched long enough ago', () => {
    expect(planHibernation(instance(), scheduled)).toEqual({
      kind: 'sleep',
      hibernate: true,
      clearKeepAwake: false,
      infos: [],
      notices: [],
      warnings: []
    })
  })

  it('hibernates one launched exactly three minutes ago', () => {
    const plan = planHibernation(
      instance({ launchTime: new Date(noon - minutes(3)) }),
      scheduled
    )

    expect(plan).toMatchObject({ kind: 'sleep', hibernate: true })
  })

  it('reports one launched 70 seconds ago as not ready yet, with when it will be', () => {
    const decide = () =>
      planHibernation(
        instance({ launchTime: new Date(noon - 70_000) }),
        scheduled
      )

    expect(decide).toThrow(InstanceNotReadyError)
    expect(decide).toThrow(
      `The instance ${instanceId} started at 2026-12-03T11:58:50Z, 70 s ago, and EC2 needs about two minutes after a launch before it can hibernate: it is not ready yet. Run hibernate again after 2026-12-03T12:01:50Z (in 110 s).`
    )
  })

  it('says when a not-ready instance can hibernate, as a time', () => {
    let readyAt = 0
    try {
      planHibernation(
        instance({ launchTime: new Date(noon - 70_000) }),
        scheduled
      )
    } catch (error) {
      readyAt = (error as InstanceNotReadyError).readyAt
    }

    expect(new Date(readyAt).toISOString()).toBe('2026-12-03T12:01:50.000Z')
  })

  it('reports a starting (pending) instance as not ready yet', () => {
    expect(() =>
      planHibernation(
        instance({ state: 'pending', launchTime: new Date(noon - 10_000) }),
        scheduled
      )
    ).toThrow(
      `The instance ${instanceId} is still starting (pending), so it is not ready to hibernate yet: run hibernate again after 2026-12-03T12:02:50Z (in 3 min).`
    )
  })

  it('has nothing to do for a stopped instance', () => {
    expect(planHibernation(instance({ state: 'stopped' }), scheduled)).toEqual({
      kind: 'already',
      state: 'stopped',
      notice: `The instance ${instanceId} is already stopped: nothing to hibernate.`
    })
  })

  it('has nothing to do for an instance that is stopping', () => {
    expect(planHibernation(instance({ state: 'stopping' }), scheduled)).toEqual(
      {
        kind: 'already',
        state: 'stopping',
        notice: `The instance ${instanceId} is already stopping: nothing to do, it will be stopped shortly.`
      }
    )
  })

  it.each(['terminated', 'shutting-down'])(
    'refuses a %s instance, saying there is nothing to hibernate',
    (state) => {
      const decide = () =>
        planHibernation(
          instance({
            state,
            stateReason: {
              code: 'Client.UserInitiatedShutdown',
              message: 'Client.UserInitiatedShutdown: User initiated shutdown'
            }
          }),
          scheduled
        )

      expect(decide).toThrow(InstanceGoneError)
      expect(decide).toThrow(
        `The instance ${instanceId} is ${state} (Client.UserInitiatedShutdown: User initiated shutdown): there is nothing to hibernate or resume. Run deploy to launch a new one.`
      )
    }
  )

  it('refuses an instance not configured for hibernation, explaining why and what to do', () => {
    const decide = () =>
      planHibernation(instance({ hibernationConfigured: false }), scheduled)

    expect(decide).toThrow(HibernationNotConfiguredError)
    expect(decide).toThrow(
      `The instance ${instanceId} was not launched with hibernation enabled, and hibernation can only be enabled at launch (AWS docs: Enable hibernation for an Amazon EC2 instance). Set fallback-to-stop: true to stop it instead (memory is lost and the services start again on resume), or let deploy replace the instance with one that can hibernate.`
    )
  })

  it('stops an instance not configured for hibernation when fallback-to-stop allows, with a warning', () => {
    const plan = planHibernation(instance({ hibernationConfigured: false }), {
      ...scheduled,
      fallbackToStop: true
    })

    expect(plan).toEqual({
      kind: 'sleep',
      hibernate: false,
      clearKeepAwake: false,
      infos: [],
      notices: [],
      warnings: [
        `The instance ${instanceId} was not launched with hibernation enabled: stopping it instead, as fallback-to-stop allows. Its memory is lost, and resume will start the services again, which takes longer than waking from hibernation.`
      ]
    })
  })

  it('does not apply the two-minute rule to a plain stop', () => {
    const plan = planHibernation(
      instance({
        hibernationConfigured: false,
        launchTime: new Date(noon - 10_000)
      }),
      { ...scheduled, fallbackToStop: true }
    )

    expect(plan).toMatchObject({ kind: 'sleep', hibernate: false })
  })
})

describe('the keep-awake-until tag', () => {
  const tagged = (value: string) =>
    instance({ tags: { 'keep-awake-until': value } })

  it('leaves the instance running on a scheduled hibernate, saying until when', () => {
    expect(
      planHibernation(tagged('2026-12-03T18:30:00.000Z'), scheduled)
    ).toEqual({
      kind: 'keep-awake',
      until: Date.UTC(2026, 11, 3, 18, 30),
      notice: `The instance ${instanceId} stays awake until 2026-12-03T18:30:00Z (in 6 h 30 min), as its keep-awake-until tag asks: the scheduled hibernate leaves it running. Run hibernate by hand to put it to sleep sooner.`
    })
  })

  it('is honoured before any other check, even on an instance that could not hibernate', () => {
    const plan = planHibernation(
      instance({
        hibernationConfigured: false,
        tags: { 'keep-awake-until': '2026-12-03T13:00:00Z' }
      }),
      scheduled
    )

    expect(plan.kind).toBe('keep-awake')
  })

  it('reads a time with an offset', () => {
    const plan = planHibernation(tagged('2026-12-03T21:00:00+10:00'), scheduled)

    expect(plan).toMatchObject({
      kind: 'sleep',
      infos: [
        `The keep-awake-until tag of ${instanceId} expired at 2026-12-03T11:00:00Z (60 min ago): hibernating as asked.`
      ]
    })
  })

  it('hibernates as asked once the tag has expired, saying so', () => {
    const plan = planHibernation(tagged('2026-12-03T11:15:00Z'), scheduled)

    expect(plan).toEqual({
      kind: 'sleep',
      hibernate: true,
      clearKeepAwake: false,
      infos: [
        `The keep-awake-until tag of ${instanceId} expired at 2026-12-03T11:15:00Z (45 min ago): hibernating as asked.`
      ],
      notices: [],
      warnings: []
    })
  })

  it('is overridden by a hibernate started by hand, which removes the tag', () => {
    const plan = planHibernation(tagged('2026-12-03T14:00:00Z'), byHand)

    expect(plan).toEqual({
      kind: 'sleep',
      hibernate: true,
      clearKeepAwake: true,
      infos: [],
      notices: [
        `The instance ${instanceId} was asked to stay awake until 2026-12-03T14:00:00Z (in 2 h), but this hibernate was started by the workflow_dispatch event, not by the schedule: it goes ahead and removes the keep-awake-until tag.`
      ],
      warnings: []
    })
  })

  it('is overridden by a hibernate run from a terminal', () => {
    const plan = planHibernation(tagged('2026-12-03T12:30:00Z'), {
      ...scheduled,
      trigger: undefined
    })

    expect(plan).toMatchObject({
      kind: 'sleep',
      notices: [
        `The instance ${instanceId} was asked to stay awake until 2026-12-03T12:30:00Z (in 30 min), but this hibernate was started from a terminal, not by the schedule: it goes ahead and removes the keep-awake-until tag.`
      ]
    })
  })

  it('is ignored with a warning when it is not a time', () => {
    const plan = planHibernation(tagged('tomorrow'), scheduled)

    expect(plan).toMatchObject({
      kind: 'sleep',
      hibernate: true,
      warnings: [
        `The keep-awake-until tag of ${instanceId} is "tomorrow", not a time such as 2026-12-03T18:00:00Z: it is ignored.`
      ]
    })
  })
})
