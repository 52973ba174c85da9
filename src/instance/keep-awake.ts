/** The tag that asks the scheduled hibernate to leave the instance running. */
export const keepAwakeTag = 'keep-awake-until'

/** What the instance's keep-awake-until tag says at a given moment. */
export type KeepAwake =
  | { kind: 'none' }
  | { kind: 'until'; until: number }
  | { kind: 'expired'; until: number }
  | { kind: 'unreadable'; value: string }

// An ISO 8601 time with a zone, as resume writes it or a person might by hand.
const isoTime =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/

export function readKeepAwake(
  tags: Record<string, string>,
  now: number
): KeepAwake {
  const value = tags[keepAwakeTag]
  if (value === undefined || value.trim() === '') return { kind: 'none' }

  const until = isoTime.test(value.trim()) ? Date.parse(value) : Number.NaN
  if (Number.isNaN(until)) return { kind: 'unreadable', value }
  return until > now ? { kind: 'until', until } : { kind: 'expired', until }
}

/** The moment a keep-awake of this many hours from now ends. */
export function keepAwakeUntil(now: number, hours: number): number {
  return now + hours * 3_600_000
}
