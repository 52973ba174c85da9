import type { RuleId, Strictness } from './rules.js'

export type Severity = 'error' | 'warning'

/** Where a value is written: a file of the dictionary and a line in it. */
export interface Place {
  /** File name inside the dictionary folder, e.g. `sample.yaml`. */
  file: string
  /** 1-based; absent when the finding is about a whole file. */
  line?: number
  column?: number
}

/** One problem with the dictionary, placed where it can be fixed. */
export interface Finding {
  rule: RuleId
  strictness: Strictness
  /** Absent when nothing in the folder can hold it (a missing node). */
  place?: Place
  /** What is wrong, in one sentence. */
  message: string
  /** What would be valid instead. */
  expected: string
}

/** A finding as reported: its severity decided by the strict setting. */
export interface ReportedFinding extends Finding {
  severity: Severity
}

export function severityOf(strictness: Strictness, strict: boolean): Severity {
  if (strictness === 'fails') return 'error'
  if (strictness === 'loose' && strict) return 'error'
  return 'warning'
}

export function finding(
  rule: RuleId,
  place: Place | undefined,
  message: string,
  expected: string,
  strictness: Strictness = 'fails'
): Finding {
  return {
    rule,
    strictness,
    ...(place && { place }),
    message,
    expected
  }
}

/** The line a user reads: the problem, then what would be valid. */
export function describeFinding(item: Finding): string {
  return `${item.message} Expected: ${item.expected}`
}

function placeKey(place: Place | undefined): string {
  return place ? `${place.file}:${place.line ?? 0}:${place.column ?? 0}` : ''
}

/**
 * Sorted by file and line, each finding once: content a $ref shares between
 * nodes would otherwise be reported once per node that uses it.
 */
export function arrange<T extends Finding>(items: readonly T[]): T[] {
  const seen = new Set<string>()
  const unique = items.filter((item) => {
    const key = `${item.rule}|${placeKey(item.place)}|${item.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  return unique.sort((a, b) => {
    const fileA = a.place?.file ?? ''
    const fileB = b.place?.file ?? ''
    if (fileA !== fileB) return fileA < fileB ? -1 : 1
    return (a.place?.line ?? 0) - (b.place?.line ?? 0)
  })
}
