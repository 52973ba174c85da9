import type { CostEstimate } from './estimate.js'

function money(value: number): string {
  return value.toFixed(2)
}

/** The heading that says which prices the figures use. */
export function costHeading(estimate: CostEstimate): string {
  return `Monthly cost in USD, ${estimate.pricedRegion} on-demand prices of ${estimate.priceDate}`
}

/** The cost as aligned text lines, for a log or a terminal. */
export function costLines(estimate: CostEstimate): string[] {
  const rows = [
    ...estimate.lines.map((line) => [
      line.item,
      money(line.running),
      money(line.hibernated),
      line.basis
    ]),
    ['Total', money(estimate.running), money(estimate.hibernated), '']
  ]
  const header = ['Item', 'Running', 'Hibernated', 'Basis']
  const widths = [0, 1, 2].map((column) =>
    Math.max(...[header, ...rows].map((row) => (row[column] ?? '').length))
  )
  const format = (row: string[]) =>
    [
      (row[0] ?? '').padEnd(widths[0] ?? 0),
      (row[1] ?? '').padStart(widths[1] ?? 0),
      (row[2] ?? '').padStart(widths[2] ?? 0),
      row[3] ?? ''
    ]
      .join('  ')
      .trimEnd()

  return [
    costHeading(estimate),
    format(header),
    ...rows.map(format),
    `Not included: ${estimate.excluded.join('; ')}.`
  ]
}

/** The cost as a Markdown table, for the job summary. */
export function costMarkdown(estimate: CostEstimate): string {
  return [
    `**${costHeading(estimate)}** (${estimate.source})`,
    '',
    '| Item | Running 24/7 | Hibernated | Basis |',
    '| --- | ---: | ---: | --- |',
    ...estimate.lines.map(
      (line) =>
        `| ${line.item} | ${money(line.running)} | ${money(line.hibernated)} | ${line.basis} |`
    ),
    `| **Total** | **${money(estimate.running)}** | **${money(estimate.hibernated)}** | |`,
    '',
    `Not included: ${estimate.excluded.join('; ')}.`,
    ...estimate.warnings.map((warning) => `\n> ${warning}`)
  ].join('\n')
}
