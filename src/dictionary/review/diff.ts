import {
  because,
  describeGroup,
  groupTightened,
  multiplicityNarrowing
} from './breaking.js'
import type { Change, Review } from './changes.js'
import type { CompiledDictionary, SchemaObject } from './compiled.js'
import type { Domain } from './domain.js'
import {
  describe,
  domainOf,
  enumValues,
  itemDomain,
  narrowing,
  withNull
} from './domain.js'
import type { Link, Node } from './nodes.js'
import { comparedAttributes, nodesOf } from './nodes.js'

/**
 * Compares two compiled dictionaries (the reference schema.json layout):
 * nodes, their effective properties after `$ref` resolution, links and enum
 * values, each change marked breaking when existing data may suffer.
 */
export function reviewDictionary(
  base: CompiledDictionary,
  head: CompiledDictionary
): Review {
  const before = nodesOf(base)
  const after = nodesOf(head)
  const changes: Change[] = []

  const ids = [...new Set([...before.nodes.keys(), ...after.nodes.keys()])]
  for (const id of ids.sort()) {
    const old = before.nodes.get(id)
    const now = after.nodes.get(id)
    if (old && now) changes.push(...compareNodes(old, now))
    else if (now) changes.push(nodeAdded(now))
    else if (old) changes.push(nodeRemoved(old))
  }

  return {
    changes,
    nodes: { base: before.nodes.size, head: after.nodes.size },
    problems: { base: before.problems, head: after.problems }
  }
}

function nodeAdded(node: Node): Change {
  return { kind: 'node', action: 'added', node: node.id, detail: counts(node) }
}

function nodeRemoved(node: Node): Change {
  return {
    kind: 'node',
    action: 'removed',
    node: node.id,
    detail: counts(node),
    breaking: because.nodeRemoved(node.id)
  }
}

function counts(node: Node): string {
  const properties = [...node.properties.keys()].filter(
    (name) => !node.links.has(name)
  ).length
  const links = node.links.size
  return `${plural(properties, 'property', 'properties')}, ${plural(links, 'link', 'links')}`
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`
}

function compareNodes(before: Node, after: Node): Change[] {
  const changes: Change[] = []

  const attributes = comparedAttributes
    .filter((name) => !same(before.attributes[name], after.attributes[name]))
    .map((name) =>
      describeChange(name, before.attributes[name], after.attributes[name])
    )
  if (attributes.length > 0) {
    changes.push({
      kind: 'node',
      action: 'changed',
      node: after.id,
      detail: attributes.join('; ')
    })
  }

  const links = new Set([...before.links.keys(), ...after.links.keys()])
  const names = new Set([
    ...before.properties.keys(),
    ...after.properties.keys()
  ])
  for (const name of [...names].sort()) {
    if (!links.has(name)) changes.push(...compareProperty(before, after, name))
  }
  for (const name of [...links].sort()) {
    const change = compareLink(
      after.id,
      before.links.get(name),
      after.links.get(name)
    )
    if (change) changes.push(change)
  }
  return changes
}

function compareProperty(before: Node, after: Node, name: string): Change[] {
  const old = before.properties.get(name)
  const now = after.properties.get(name)
  const where = { node: after.id, name }

  if (!old && now) {
    const required = after.required.has(name)
    return [
      {
        kind: 'property',
        action: 'added',
        ...where,
        detail: `${describe(domainOf(now))}${required ? ', required' : ''}`,
        ...(required && { breaking: because.requiredPropertyAdded() })
      }
    ]
  }
  if (old && !now) {
    return [
      {
        kind: 'property',
        action: 'removed',
        ...where,
        detail: describe(domainOf(old)),
        breaking: because.propertyRemoved()
      }
    ]
  }
  if (!old || !now) return []

  const details: string[] = []
  const reasons: string[] = []
  const domainBefore = domainOf(old)
  const domainAfter = domainOf(now)

  const wasRequired = before.required.has(name)
  const isRequired = after.required.has(name)

  const typeChange = describeTypeChange(domainBefore, domainAfter)
  if (typeChange) details.push(typeChange)
  // a change of required is its own rule: compare both sides as optional or not
  const enforced = (domain: Domain) => (isRequired ? domain : withNull(domain))
  const lost = narrowing(enforced(domainBefore), enforced(domainAfter))
  if (lost) {
    // said in the dictionary's own terms, without the nulls sheepdog adds
    const declared = narrowing(domainBefore, domainAfter)
    reasons.push(because.narrowed(declared ?? lost))
  }

  if (isRequired && !wasRequired) {
    details.push('now required')
    reasons.push(because.propertyNowRequired())
  } else if (wasRequired && !isRequired) {
    details.push('no longer required')
  }

  const keywords = otherKeywords(old, now)
  if (keywords.length > 0) details.push(`${keywords.join(', ')} changed`)

  const changes: Change[] = []
  if (details.length > 0) {
    changes.push({
      kind: 'property',
      action: 'changed',
      ...where,
      detail: details.join('; '),
      ...(reasons.length > 0 && { breaking: reasons.join('; ') })
    })
  }
  changes.push(
    ...compareEnums(after.id, name, domainBefore, domainAfter, !isRequired)
  )
  const itemsBefore = itemDomain(domainBefore)
  const itemsAfter = itemDomain(domainAfter)
  if (itemsBefore && itemsAfter) {
    changes.push(
      ...compareEnums(after.id, `${name}[]`, itemsBefore, itemsAfter, false)
    )
  }
  return changes
}

/**
 * The type part of a property change. Enum values are compared one by one,
 * so a change of values alone is not a change of type.
 */
function describeTypeChange(before: Domain, after: Domain): string | undefined {
  if (shape(before) === shape(after)) return undefined
  return `type ${describe(before)} → ${describe(after)}`
}

function shape(domain: Domain): string {
  if (domain.kind === 'any') return 'any'
  if (domain.kind === 'enum') return 'enum'
  const items = domain.items ? `[${shape(domain.items)}]` : ''
  return `${[...domain.types].sort().join('|')}${items}`
}

/** Keywords compared through the domain or the required list are left out. */
const domainKeywords = new Set(['type', 'enum', 'items', 'oneOf', 'anyOf'])

function otherKeywords(before: SchemaObject, after: SchemaObject): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)])
  return [...names]
    .filter((name) => !domainKeywords.has(name))
    .filter((name) => !same(before[name], after[name]))
    .sort()
}

function compareEnums(
  node: string,
  name: string,
  before: Domain,
  after: Domain,
  /** Not required: sheepdog accepts null whatever the enum says. */
  nullable: boolean
): Change[] {
  if (before.kind !== 'enum' || after.kind !== 'enum') return []
  const old = new Map(enumValues(before).map((value) => [key(value), value]))
  const now = new Map(enumValues(after).map((value) => [key(value), value]))

  const removed = [...old].filter(([value]) => !now.has(value))
  const added = [...now].filter(([value]) => !old.has(value))
  return [
    ...removed.map(([, value]): Change => ({
      kind: 'enum',
      action: 'removed',
      node,
      name,
      value: shown(value),
      detail: 'value removed',
      ...(!(nullable && value === null) && {
        breaking: because.enumValueRemoved()
      })
    })),
    ...added.map(([, value]): Change => ({
      kind: 'enum',
      action: 'added',
      node,
      name,
      value: shown(value),
      detail: 'value added'
    }))
  ]
}

function compareLink(
  node: string,
  before: Link | undefined,
  after: Link | undefined
): Change | undefined {
  if (after && !before) {
    return {
      kind: 'link',
      action: 'added',
      node,
      name: after.name,
      detail: describeLink(after),
      ...(after.required && { breaking: because.requiredLinkAdded() })
    }
  }
  if (before && !after) {
    return {
      kind: 'link',
      action: 'removed',
      node,
      name: before.name,
      detail: describeLink(before),
      breaking: because.linkRemoved()
    }
  }
  if (!before || !after) return undefined

  const details: string[] = []
  const reasons: string[] = []
  if (before.target !== after.target) {
    details.push(`target ${before.target} → ${after.target}`)
    reasons.push(because.linkRetargeted(before.target))
  }
  if (before.label !== after.label) {
    details.push(`label ${before.label} → ${after.label}`)
    reasons.push(because.linkRelabelled())
  }
  if (before.multiplicity !== after.multiplicity) {
    details.push(`multiplicity ${before.multiplicity} → ${after.multiplicity}`)
    const narrowed = multiplicityNarrowing(node, before, after)
    if (narrowed) reasons.push(narrowed)
  }
  if (before.backref !== after.backref) {
    details.push(`backref ${before.backref} → ${after.backref}`)
  }
  if (before.required !== after.required) {
    details.push(after.required ? 'now required' : 'no longer required')
    if (after.required) reasons.push(because.linkNowRequired())
  }
  const groupBefore = describeGroup(before.group)
  const groupAfter = describeGroup(after.group)
  if (groupBefore !== groupAfter) {
    details.push(`group: ${groupBefore} → ${groupAfter}`)
    if (groupTightened(before, after)) {
      reasons.push(because.groupTightened(groupAfter))
    }
  }

  if (details.length === 0) return undefined
  return {
    kind: 'link',
    action: 'changed',
    node,
    name: after.name,
    detail: details.join('; '),
    ...(reasons.length > 0 && { breaking: reasons.join('; ') })
  }
}

function describeLink(link: Link): string {
  const parts = [
    `→ ${link.target}`,
    link.multiplicity,
    `backref ${link.backref}`
  ]
  if (link.required) parts.push('required')
  if (link.group) {
    parts.push(
      `in ${describeGroup(link.group)} with ${link.group.members.join(', ')}`
    )
  }
  return parts.join(', ')
}

function describeChange(name: string, before: unknown, after: unknown): string {
  if (isScalar(before) && isScalar(after)) {
    return `${name} ${shownOrNone(before)} → ${shownOrNone(after)}`
  }
  return `${name} changed`
}

function isScalar(value: unknown): boolean {
  return value === undefined || value === null || typeof value !== 'object'
}

function shownOrNone(value: unknown): string {
  return value === undefined ? '(none)' : shown(value)
}

function shown(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** Equality of parsed YAML values, blind to the order of mapping keys. */
function same(a: unknown, b: unknown): boolean {
  return key(a) === key(b)
}

function key(value: unknown): string {
  if (value === undefined) return 'undefined'
  return JSON.stringify(value, (_name, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        )
      : inner
  )
}
