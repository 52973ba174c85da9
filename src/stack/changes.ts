/**
 * A change set's resource changes as deploy shows and judges them, free of
 * the SDK's optional-everything shapes.
 */
export interface ResourceChange {
  logicalId: string
  type: string
  /** Add, Modify, Remove, Import or Dynamic. */
  action: string
  /** True, False or Conditional; empty for Add and Remove. */
  replacement: string
  details: ChangeDetail[]
}

/** One property (or tag, or metadata) that changes, and why. */
export interface ChangeDetail {
  /** Properties, Tags, Metadata, … */
  attribute: string
  /** The property's name when attribute is Properties. */
  name: string
  /** Never, Conditionally or Always. */
  recreation: string
  /** ParameterReference, ResourceReference, DirectModification, … */
  source: string
  /** The parameter or resource attribute that causes the change. */
  causedBy: string
}

/** "Instance (AWS::EC2::Instance)" */
export function resourceName(change: { logicalId: string; type: string }) {
  return `${change.logicalId} (${change.type})`
}

/** What one change does, in the words the log and summary use. */
export function describeAction(change: ResourceChange): string {
  if (change.action === 'Modify' && change.replacement === 'True') {
    return 'Replace'
  }
  if (change.action === 'Modify' && change.replacement === 'Conditional') {
    return 'Modify (may replace)'
  }
  return change.action
}

/** The properties a change touches, with what causes each. */
export function describeDetails(change: ResourceChange): string {
  return change.details
    .map((detail) => {
      const what = detail.name || detail.attribute
      return detail.causedBy ? `${what} (from ${detail.causedBy})` : what
    })
    .filter((text, index, all) => text !== '' && all.indexOf(text) === index)
    .join(', ')
}

/** One log line per change. */
export function changeLine(change: ResourceChange): string {
  const details = describeDetails(change)
  return `${describeAction(change)} ${resourceName(change)}${details ? `: ${details}` : ''}`
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

/** The change set as a Markdown table for the job summary. */
export function changeTable(changes: readonly ResourceChange[]): string {
  if (changes.length === 0) return '_No changes._\n'
  const rows = changes.map(
    (change) =>
      `| ${cell(change.logicalId)} | ${cell(change.type)} | ${cell(describeAction(change))} | ${cell(change.replacement || '-')} | ${cell(describeDetails(change) || '-')} |`
  )
  return [
    '| Resource | Type | Action | Replacement | Changed properties |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    ''
  ].join('\n')
}
