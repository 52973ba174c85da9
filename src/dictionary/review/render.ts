import type { Action, Change, Kind, Review } from './changes.js'
import { breakingChanges, kinds } from './changes.js'

export interface RenderOptions {
  /** What was compared, completing "Compared …". */
  compared?: string
  /** Cut the tables so that the Markdown stays within this many characters. */
  maxLength?: number
  /** Where the whole review can be read when the tables are cut. */
  whereInFull?: string
}

const titles: Record<Kind, string> = {
  node: 'Nodes',
  property: 'Properties',
  link: 'Links',
  enum: 'Enum values'
}

const counted: Record<Kind, string> = {
  node: 'nodes',
  property: 'properties',
  link: 'links',
  enum: 'enum values'
}

const actions: readonly Action[] = ['added', 'removed', 'changed']

/** Rows kept per table when the review does not fit, tried in this order. */
const rowLimits = [200, 100, 50, 20, 10, 5, 1]

/**
 * The review as Markdown: a summary line, the breaking changes first, then
 * one table per kind of change with its breaking rows on top.
 */
export function renderReview(
  review: Review,
  options: RenderOptions = {}
): string {
  const maxLength = options.maxLength ?? Infinity
  let markdown = renderWithin(review, options, Infinity)
  for (const limit of rowLimits) {
    if (markdown.length <= maxLength) break
    markdown = renderWithin(review, options, limit)
  }
  return markdown.length <= maxLength
    ? markdown
    : `${markdown.slice(0, maxLength - 2)}…\n`
}

function renderWithin(
  review: Review,
  options: RenderOptions,
  rowLimit: number
): string {
  const lines = ['### Data dictionary review', '']
  if (options.compared) lines.push(`Compared ${options.compared}.`, '')
  lines.push(summaryLine(review), '')

  const more = (hidden: number) =>
    `_… and ${hidden} more${options.whereInFull ? `: ${options.whereInFull}` : ''}._`

  const breaking = breakingChanges(review).sort(
    (a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind)
  )
  if (breaking.length > 0) {
    lines.push('#### ⚠️ Breaking changes', '')
    lines.push(
      ...table(
        ['Change', 'Where', 'Why existing data may break'],
        breaking.map((change) => [
          `${noun(change.kind)} ${change.action}`,
          where(change),
          text(change.breaking ?? '')
        ]),
        rowLimit,
        more
      )
    )
  }

  for (const kind of kinds) {
    const changes = review.changes
      .filter((change) => change.kind === kind)
      .sort(
        (a, b) =>
          Number(b.breaking !== undefined) - Number(a.breaking !== undefined)
      )
    if (changes.length === 0) continue
    lines.push(`#### ${titles[kind]}`, '')
    lines.push(...table(headings(kind), changes.map(row), rowLimit, more))
  }

  lines.push(...problems(review))
  return lines.join('\n')
}

/** For example `**2 breaking changes** · nodes: 1 added, 1 removed · …`. */
export function summaryLine(review: Review): string {
  if (review.changes.length === 0) {
    return 'No changes to nodes, properties, links or enum values.'
  }
  const breaking = breakingChanges(review).length
  const parts = [
    breaking === 0
      ? 'No breaking changes'
      : `**${breaking} breaking change${breaking === 1 ? '' : 's'}**`
  ]
  for (const kind of kinds) {
    const ofKind = review.changes.filter((change) => change.kind === kind)
    const tally = actions
      .map(
        (action) =>
          [
            action,
            ofKind.filter((change) => change.action === action).length
          ] as const
      )
      .filter(([, count]) => count > 0)
      .map(([action, count]) => `${count} ${action}`)
    if (tally.length > 0) parts.push(`${counted[kind]}: ${tally.join(', ')}`)
  }
  return parts.join(' · ')
}

function headings(kind: Kind): string[] {
  if (kind === 'node') return ['', 'Node', 'Detail']
  if (kind === 'enum') return ['', 'Node', 'Property', 'Value']
  return ['', 'Node', kind === 'link' ? 'Link' : 'Property', 'Detail']
}

function row(change: Change): string[] {
  const action = change.breaking ? `⚠️ ${change.action}` : change.action
  if (change.kind === 'node')
    return [action, code(change.node), text(change.detail)]
  if (change.kind === 'enum') {
    return [
      action,
      code(change.node),
      code(change.name ?? ''),
      code(change.value ?? '')
    ]
  }
  return [
    action,
    code(change.node),
    code(change.name ?? ''),
    text(change.detail)
  ]
}

function noun(kind: Kind): string {
  return kind === 'enum' ? 'enum value' : kind
}

function where(change: Change): string {
  const path = change.name ? `${change.node}.${change.name}` : change.node
  return change.kind === 'enum'
    ? `${code(path)} = ${code(change.value ?? '')}`
    : code(path)
}

function table(
  headings: string[],
  rows: string[][],
  rowLimit: number,
  more: (hidden: number) => string
): string[] {
  const shown = rows.slice(0, rowLimit)
  const lines = [
    `| ${headings.join(' | ')} |`,
    `| ${headings.map(() => '---').join(' | ')} |`,
    ...shown.map((cells) => `| ${cells.join(' | ')} |`)
  ]
  if (rows.length > shown.length)
    lines.push('', more(rows.length - shown.length))
  lines.push('')
  return lines
}

function problems(review: Review): string[] {
  const all = [
    ...review.problems.base.map((problem) => `base: ${problem}`),
    ...review.problems.head.map((problem) => `pull request: ${problem}`)
  ]
  if (all.length === 0) return []
  return [
    `${all.length} reference${all.length === 1 ? '' : 's'} did not resolve, so what ${all.length === 1 ? 'it brings' : 'they bring'} was not compared:`,
    '',
    ...all.slice(0, 10).map((problem) => `- ${text(problem)}`),
    ...(all.length > 10 ? [`- … and ${all.length - 10} more`] : []),
    ''
  ]
}

/** Plain table-cell text: no HTML, no line breaks, pipes escaped. */
function text(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
}

/** A code span that survives backticks and pipes in dictionary values. */
function code(value: string): string {
  const flat = value.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|')
  const longest = Math.max(
    0,
    ...(flat.match(/`+/g) ?? []).map((run) => run.length)
  )
  const fence = '`'.repeat(longest + 1)
  const padded = /^`|`$/.test(flat) || flat === '' ? ` ${flat} ` : flat
  return `${fence}${padded}${fence}`
}
