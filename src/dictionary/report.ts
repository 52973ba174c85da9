import type { Place as ReportPlace, Reporter } from '../report/reporter.js'
import type { DictionaryCheck, PlacedFinding } from './check.js'
import { describeFinding } from './findings.js'
import { plural } from './wording.js'

function annotationPlace(item: PlacedFinding): ReportPlace | undefined {
  if (item.path === undefined) return undefined
  return {
    file: item.path,
    ...(item.place?.line !== undefined && { line: item.place.line }),
    ...(item.place?.column !== undefined && { column: item.place.column }),
    title: item.rule
  }
}

/**
 * The text of an annotation. One on a file of the repository is titled with
 * its rule; any other names its rule itself, and its file when it has one.
 */
export function annotationText(item: PlacedFinding): string {
  const text = describeFinding(item)
  if (item.path !== undefined) return text
  if (!item.place) return `${item.rule}: ${text}`
  const line = item.place.line === undefined ? '' : `:${item.place.line}`
  return `${item.rule} ${item.place.file}${line}: ${text}`
}

/**
 * GitHub turns only this many errors, and as many warnings, of one step into
 * annotations (actions/toolkit docs/problem-matchers.md, "Limitations").
 */
export const annotationsPerStep = 10

/** What to say when some findings get no annotation, or undefined when all do. */
export function beyondAnnotations(
  errors: number,
  warnings: number
): string | undefined {
  const more = [
    [errors, 'error'],
    [warnings, 'warning']
  ] as const
  const hidden = more
    .filter(([count]) => count > annotationsPerStep)
    .map(([count, kind]) => plural(count - annotationsPerStep, `more ${kind}`))
  if (hidden.length === 0) return undefined
  const one = hidden.length === 1 && hidden[0]?.startsWith('1 ') === true
  return `GitHub shows at most ${annotationsPerStep} error and ${annotationsPerStep} warning annotations per step: ${hidden.join(' and ')} ${one ? 'is' : 'are'} in the log above and in the job summary.`
}

/**
 * Each finding as an annotation on its file and line, so it shows in the
 * pull request's diff; those on the files in `first` (the ones the pull
 * request changes) come first, since GitHub shows only the first few.
 */
export function reportFindings(
  check: DictionaryCheck,
  reporter: Reporter,
  first: ReadonlySet<string> = new Set()
): void {
  const rank = (item: PlacedFinding) =>
    item.path !== undefined && first.has(item.path) ? 0 : 1
  const ordered = [...check.findings].sort((a, b) => rank(a) - rank(b))
  for (const item of ordered) {
    const place = annotationPlace(item)
    const text = annotationText(item)
    if (item.severity === 'error') reporter.error(text, place)
    else reporter.warning(text, place)
  }
  const beyond = beyondAnnotations(check.errors, check.warnings)
  if (beyond !== undefined) reporter.notice(beyond)
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

const tableLimit = 200

/** Markdown for the job summary: the counts, then a table of the findings. */
export function summariseCheck(check: DictionaryCheck, where: string): string {
  const lines = [
    '## Data dictionary',
    '',
    `\`${where}\`: **${check.errors} error${check.errors === 1 ? '' : 's'}**, ${check.warnings} warning${check.warnings === 1 ? '' : 's'}; ${[...check.dictionary.nodes.values()].filter((node) => !node.builtin).length} nodes; schema.json sha256 \`${check.sha256}\`.`,
    ''
  ]
  if (check.findings.length === 0) return `${lines.join('\n')}\n`

  lines.push(
    '| severity | rule | where | finding |',
    '| --- | --- | --- | --- |'
  )
  for (const item of check.findings.slice(0, tableLimit)) {
    const file = item.path ?? item.place?.file ?? ''
    const line = item.place?.line === undefined ? '' : `:${item.place.line}`
    lines.push(
      `| ${item.severity} | ${item.rule} | ${cell(file === '' ? '—' : `${file}${line}`)} | ${cell(describeFinding(item))} |`
    )
  }
  if (check.findings.length > tableLimit) {
    lines.push(
      '',
      `…and ${check.findings.length - tableLimit} more: every finding is also an annotation.`
    )
  }
  return `${lines.join('\n')}\n`
}
