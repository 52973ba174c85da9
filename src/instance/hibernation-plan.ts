import type { InstanceView } from './instance.js'
import { goneStates, InstanceGoneError } from './instance.js'
import { keepAwakeTag, readKeepAwake } from './keep-awake.js'
import { durationOf, timeOf } from './when.js'

/**
 * AWS docs (Troubleshoot EC2 instance hibernation, "Can't hibernate
 * immediately after launch"): wait about two minutes after launch. One more
 * minute is our margin, as other schedulers take.
 */
export const hibernateAfterLaunchMilliseconds = 3 * 60_000

/** Launched or started too recently to hibernate; says when it can. */
export class InstanceNotReadyError extends Error {
  constructor(
    readonly instanceId: string,
    readonly readyAt: number,
    message: string
  ) {
    super(message)
    this.name = 'InstanceNotReadyError'
  }
}

/** Not launched with hibernation enabled, and no fallback was allowed. */
export class HibernationNotConfiguredError extends Error {
  constructor(readonly instanceId: string) {
    super(
      `The instance ${instanceId} was not launched with hibernation enabled, and hibernation can only be enabled at launch (AWS docs: Enable hibernation for an Amazon EC2 instance). ` +
        'Set fallback-to-stop: true to stop it instead (memory is lost and the services start again on resume), or let deploy replace the instance with one that can hibernate.'
    )
    this.name = 'HibernationNotConfiguredError'
  }
}

export interface HibernationRequest {
  now: number
  /** The workflow event that started the run; 'schedule' for the cron. */
  trigger: string | undefined
  fallbackToStop: boolean
}

/** What hibernate will do, decided from the instance alone. */
export type HibernationPlan =
  | { kind: 'already'; state: 'stopped' | 'stopping'; notice: string }
  | { kind: 'keep-awake'; until: number; notice: string }
  | {
      kind: 'sleep'
      hibernate: boolean
      clearKeepAwake: boolean
      infos: string[]
      notices: string[]
      warnings: string[]
    }

function describeTrigger(trigger: string | undefined): string {
  return trigger ? `by the ${trigger} event` : 'from a terminal'
}

/**
 * Decides between hibernating, stopping, leaving the instance as it is, and
 * refusing. Throws the expected refusals: gone, not ready, not configured.
 */
export function planHibernation(
  instance: InstanceView,
  request: HibernationRequest
): HibernationPlan {
  const { id } = instance
  if (goneStates.has(instance.state)) throw new InstanceGoneError(instance)

  if (instance.state === 'stopped' || instance.state === 'stopping') {
    return {
      kind: 'already',
      state: instance.state,
      notice:
        instance.state === 'stopped'
          ? `The instance ${id} is already stopped: nothing to hibernate.`
          : `The instance ${id} is already stopping: nothing to do, it will be stopped shortly.`
    }
  }

  const infos: string[] = []
  const notices: string[] = []
  const warnings: string[] = []
  let clearKeepAwake = false

  const keepAwake = readKeepAwake(instance.tags, request.now)
  if (keepAwake.kind === 'until') {
    const until = `${timeOf(keepAwake.until)} (in ${durationOf(keepAwake.until - request.now)})`
    if (request.trigger === 'schedule') {
      return {
        kind: 'keep-awake',
        until: keepAwake.until,
        notice: `The instance ${id} stays awake until ${until}, as its ${keepAwakeTag} tag asks: the scheduled hibernate leaves it running. Run hibernate by hand to put it to sleep sooner.`
      }
    }
    notices.push(
      `The instance ${id} was asked to stay awake until ${until}, but this hibernate was started ${describeTrigger(request.trigger)}, not by the schedule: it goes ahead and removes the ${keepAwakeTag} tag.`
    )
    clearKeepAwake = true
  } else if (keepAwake.kind === 'expired') {
    infos.push(
      `The ${keepAwakeTag} tag of ${id} expired at ${timeOf(keepAwake.until)} (${durationOf(request.now - keepAwake.until)} ago): hibernating as asked.`
    )
  } else if (keepAwake.kind === 'unreadable') {
    warnings.push(
      `The ${keepAwakeTag} tag of ${id} is ${JSON.stringify(keepAwake.value)}, not a time such as 2026-12-03T18:00:00Z: it is ignored.`
    )
  }

  const launched = instance.launchTime?.getTime() ?? request.now
  const readyAt = launched + hibernateAfterLaunchMilliseconds
  const whenReady = `${timeOf(readyAt)} (in ${durationOf(readyAt - request.now)})`

  if (instance.state === 'pending') {
    throw new InstanceNotReadyError(
      id,
      readyAt,
      `The instance ${id} is still starting (pending), so it is not ready to hibernate yet: run hibernate again after ${whenReady}.`
    )
  }

  if (instance.state !== 'running') {
    throw new InstanceNotReadyError(
      id,
      request.now,
      `The instance ${id} is ${instance.state}, which hibernate does not know how to handle: look at it in the EC2 console, then run hibernate again.`
    )
  }

  if (!instance.hibernationConfigured) {
    if (!request.fallbackToStop) throw new HibernationNotConfiguredError(id)
    warnings.push(
      `The instance ${id} was not launched with hibernation enabled: stopping it instead, as fallback-to-stop allows. Its memory is lost, and resume will start the services again, which takes longer than waking from hibernation.`
    )
    return {
      kind: 'sleep',
      hibernate: false,
      clearKeepAwake,
      infos,
      notices,
      warnings
    }
  }

  if (readyAt > request.now) {
    throw new InstanceNotReadyError(
      id,
      readyAt,
      `The instance ${id} started at ${timeOf(launched)}, ${durationOf(request.now - launched)} ago, and EC2 needs about two minutes after a launch before it can hibernate: it is not ready yet. Run hibernate again after ${whenReady}.`
    )
  }

  return {
    kind: 'sleep',
    hibernate: true,
    clearKeepAwake,
    infos,
    notices,
    warnings
  }
}
