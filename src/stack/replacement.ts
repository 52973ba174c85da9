import type { ChangeDetail, ResourceChange } from './changes.js'
import { resourceName } from './changes.js'

/**
 * Resource types whose loss loses the commons' data: the instance keeps the
 * database on its root volume, which lives in the instance's
 * BlockDeviceMappings, so replacing either means starting from nothing.
 */
const protectedTypes = new Set(['AWS::EC2::Instance', 'AWS::EC2::Volume'])

/** The logical id the template gives the commons' instance. */
export const instanceLogicalId = 'Instance'

/** A change that would destroy the instance or its root volume. */
export interface Danger {
  change: ResourceChange
  /** "replace", "possibly replace" or "delete" */
  effect: string
  /** Why, from the change set's details: property and what causes it. */
  causes: string[]
}

function isProtected(change: ResourceChange): boolean {
  return (
    change.logicalId === instanceLogicalId || protectedTypes.has(change.type)
  )
}

function causeOf(detail: ChangeDetail): string {
  const property =
    detail.attribute === 'Properties' && detail.name
      ? detail.name === 'BlockDeviceMappings'
        ? 'property BlockDeviceMappings (the root volume)'
        : `property ${detail.name}`
      : detail.name || detail.attribute
  const recreation =
    detail.recreation === 'Always' ? '' : ` (${detail.recreation} recreated)`
  const cause = detail.causedBy
    ? ` changed by ${detail.source === 'ParameterReference' ? 'parameter ' : ''}${detail.causedBy}`
    : ''
  return `${property}${recreation}${cause}`
}

/** The changes that would replace or delete the instance or its volume. */
export function findDangers(changes: readonly ResourceChange[]): Danger[] {
  const dangers: Danger[] = []
  for (const change of changes) {
    if (!isProtected(change)) continue

    if (change.action === 'Remove') {
      dangers.push({
        change,
        effect: 'delete',
        causes: ['the template no longer has it']
      })
    } else if (change.action === 'Dynamic') {
      dangers.push({
        change,
        effect: 'possibly replace',
        causes: ['CloudFormation cannot tell before running what it will do']
      })
    } else if (
      change.action === 'Modify' &&
      (change.replacement === 'True' || change.replacement === 'Conditional')
    ) {
      const causes = change.details
        .filter(
          (detail) =>
            detail.recreation === 'Always' ||
            detail.recreation === 'Conditionally'
        )
        .map(causeOf)
      dangers.push({
        change,
        effect: change.replacement === 'True' ? 'replace' : 'possibly replace',
        causes:
          causes.length > 0
            ? [...new Set(causes)]
            : ['CloudFormation did not say which property']
      })
    }
  }
  return dangers
}

/** "would replace Instance (AWS::EC2::Instance) because of property ImageId" */
export function describeDanger(danger: Danger): string {
  return `would ${danger.effect} ${resourceName(danger.change)} because of ${danger.causes.join('; ')}`
}

/**
 * A change set stopped before it ran because it would destroy the
 * commons' database. Nothing was changed.
 */
export class ReplacementRefusedError extends Error {
  constructor(
    readonly stackName: string,
    readonly dangers: readonly Danger[]
  ) {
    super(
      `Stopped before changing stack '${stackName}': the change set ${dangers.map(describeDanger).join(', and ')}. ` +
        "The instance and its root volume hold the commons' database, which would be lost. " +
        'Undo the change that causes it, or set allow-replacement: true if you mean to start from an empty commons.'
    )
    this.name = 'ReplacementRefusedError'
  }
}
