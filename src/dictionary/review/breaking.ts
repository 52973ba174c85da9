import type { Link, LinkGroup } from './nodes.js'

/**
 * Why a change may break what a commons already holds. Sheepdog creates a
 * table per node and per link (node_<id>, edge_<source><label><target>, with
 * underscores removed) and never drops or alters one; records are
 * re-validated against the dictionary when they are updated.
 */
export const because = {
  nodeRemoved: (id: string) =>
    `sheepdog never drops tables: node_${id.replace(/_/g, '')} and its records stay in the database, out of reach of the API`,
  propertyRemoved: () =>
    'existing records may hold a value for it, which no longer validates',
  requiredPropertyAdded: () =>
    'it is required, and existing records have no value for it',
  propertyNowRequired: () =>
    'existing records without a value for it no longer validate',
  narrowed: (what: string) =>
    `${what}: existing records may no longer validate`,
  enumValueRemoved: () => 'existing records with this value no longer validate',
  linkRemoved: () =>
    'existing links stay in their edge table, out of reach of the API',
  requiredLinkAdded: () =>
    'it is required, and existing records have no such link',
  linkRetargeted: (before: string) => `existing links point at ${before}`,
  linkRelabelled: () =>
    'links are stored per label: existing ones stay in the old edge table',
  linkNowRequired: () =>
    'existing records without this link no longer validate',
  multiplicityNarrowed: (what: string) => `existing ${what}`,
  groupTightened: (what: string) =>
    `the link is now in ${what}: existing records may not satisfy it`
}

const multiplicities = new Set([
  'one_to_one',
  'one_to_many',
  'many_to_one',
  'many_to_many'
])

/**
 * What a narrower multiplicity no longer allows, or undefined. In
 * `<sources>_to_<targets>`, the second part is how many targets one record
 * may link to, the first how many records may link to one target.
 */
export function multiplicityNarrowing(
  node: string,
  before: Link,
  after: Link
): string | undefined {
  if (
    !multiplicities.has(before.multiplicity) ||
    !multiplicities.has(after.multiplicity)
  ) {
    return undefined
  }
  const [sourcesBefore, targetsBefore] = before.multiplicity.split('_to_')
  const [sourcesAfter, targetsAfter] = after.multiplicity.split('_to_')
  const lost: string[] = []
  if (targetsBefore === 'many' && targetsAfter === 'one') {
    lost.push(`${node} records may link to more than one ${after.target}`)
  }
  if (sourcesBefore === 'many' && sourcesAfter === 'one') {
    lost.push(`${after.target} records may have more than one ${node} linked`)
  }
  return lost.length > 0
    ? because.multiplicityNarrowed(lost.join(', and '))
    : undefined
}

/**
 * Describes a subgroup by what it asks, such as `an exclusive, required
 * group`; its members are left out, so that adding a link to a group does
 * not show as a change of every other link in it.
 */
export function describeGroup(group: LinkGroup | undefined): string {
  if (!group) return 'no group'
  const flags = [
    group.exclusive && 'exclusive',
    group.required && 'required'
  ].filter(Boolean)
  const kind = flags.length > 0 ? `${flags.join(', ')} group` : 'group'
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`
}

/**
 * Whether the link's group asks more of a record than before: newly
 * exclusive, or newly requiring one of its links when nothing did.
 */
export function groupTightened(before: Link, after: Link): boolean {
  const group = after.group
  if (!group) return false
  const wasExclusive = before.group?.exclusive ?? false
  const wasRequired = before.required || (before.group?.required ?? false)
  return (group.exclusive && !wasExclusive) || (group.required && !wasRequired)
}
