import { setTimeout as sleep } from 'node:timers/promises'

/** Time as the waits see it; tests pass a fake one and never really sleep. */
export interface Clock {
  now(): number
  sleep(milliseconds: number): Promise<void>
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (milliseconds) => sleep(milliseconds)
}

/** A time budget shared by every phase of one command. */
export class Deadline {
  private readonly start: number

  constructor(
    readonly clock: Clock,
    readonly budgetMilliseconds: number
  ) {
    this.start = clock.now()
  }

  static ofMinutes(clock: Clock, minutes: number): Deadline {
    return new Deadline(clock, minutes * 60_000)
  }

  elapsedMilliseconds(): number {
    return this.clock.now() - this.start
  }

  elapsedSeconds(): number {
    return Math.round(this.elapsedMilliseconds() / 1000)
  }

  remainingMilliseconds(): number {
    return Math.max(0, this.budgetMilliseconds - this.elapsedMilliseconds())
  }
}
