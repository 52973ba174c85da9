import { isSchemaObject } from './compiled.js'

/**
 * The values a property accepts, as far as a change to it can make existing
 * records invalid: a list of enum values, a set of JSON types (with the
 * item domain of arrays), or anything.
 */
export type Domain =
  | { kind: 'any' }
  | { kind: 'enum'; values: readonly unknown[] }
  | { kind: 'types'; types: ReadonlySet<string>; items?: Domain }

const anything: Domain = { kind: 'any' }

export function domainOf(schema: unknown): Domain {
  if (!isSchemaObject(schema)) return anything
  if (Array.isArray(schema.enum)) return { kind: 'enum', values: schema.enum }

  if (typeof schema.type === 'string' || Array.isArray(schema.type)) {
    const types = new Set(
      [schema.type].flat().filter((type) => typeof type === 'string')
    )
    return types.has('array') && isSchemaObject(schema.items)
      ? { kind: 'types', types, items: domainOf(schema.items) }
      : { kind: 'types', types }
  }

  const branches = schema.oneOf ?? schema.anyOf
  if (Array.isArray(branches) && branches.length > 0) {
    return unionOf(branches.map(domainOf))
  }
  return anything
}

function unionOf(domains: Domain[]): Domain {
  if (domains.some((domain) => domain.kind === 'any')) return anything
  if (domains.every((domain) => domain.kind === 'enum')) {
    return {
      kind: 'enum',
      values: [...new Set(domains.flatMap((domain) => domain.values))]
    }
  }
  const types = new Set(domains.flatMap(typesOf))
  return { kind: 'types', types }
}

function typesOf(domain: Domain): string[] {
  if (domain.kind === 'types') return [...domain.types]
  if (domain.kind === 'enum') return domain.values.map(jsonType)
  return []
}

export function jsonType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') {
    return Number.isInteger(value) ? 'integer' : 'number'
  }
  return typeof value === 'object' ? 'object' : typeof value
}

/**
 * What sheepdog enforces for a property that is not required:
 * dictionaryutils' allow_nulls adds null to its type or its enum.
 */
export function withNull(domain: Domain): Domain {
  if (domain.kind === 'enum') {
    return domain.values.includes(null)
      ? domain
      : { kind: 'enum', values: [...domain.values, null] }
  }
  if (domain.kind === 'types') {
    return { ...domain, types: new Set([...domain.types, 'null']) }
  }
  return domain
}

/** Whether a value of this JSON type is accepted by a set of types. */
function covers(types: ReadonlySet<string>, type: string): boolean {
  return types.has(type) || (type === 'integer' && types.has('number'))
}

/**
 * What the new domain no longer accepts, in words, or undefined when it
 * accepts everything the old one did. Enum values removed are left out:
 * they are reported one by one as enum changes.
 */
export function narrowing(before: Domain, after: Domain): string | undefined {
  if (after.kind === 'any') return undefined
  if (before.kind === 'any')
    return `accepted any value, now only ${describe(after)}`

  if (after.kind === 'types') {
    const types = before.kind === 'types' ? [...before.types] : typesOf(before)
    const lost = types.filter((type) => !covers(after.types, type))
    if (lost.length > 0) {
      return `${[...new Set(lost)].sort().join(' and ')} values are no longer accepted`
    }
    if (before.kind === 'types' && before.items && after.items) {
      const items = narrowing(before.items, after.items)
      if (items) return `array items: ${items}`
    }
    return undefined
  }

  if (before.kind === 'types') {
    return `accepted any ${describeTypes(before.types)}, now only ${describe(after)}`
  }
  return undefined
}

/** A short description such as `string`, `integer or null`, `enum of 3 values`. */
export function describe(domain: Domain): string {
  if (domain.kind === 'any') return 'any value'
  if (domain.kind === 'enum') {
    const count = domain.values.length
    return `enum of ${count} value${count === 1 ? '' : 's'}`
  }
  const types = describeTypes(domain.types)
  return domain.items && domain.types.has('array')
    ? `${types} (items: ${describe(domain.items)})`
    : types
}

function describeTypes(types: ReadonlySet<string>): string {
  return [...types].sort().join(' or ') || 'no type'
}

export function enumValues(domain: Domain): readonly unknown[] {
  return domain.kind === 'enum' ? domain.values : []
}

export function itemDomain(domain: Domain): Domain | undefined {
  return domain.kind === 'types' ? domain.items : undefined
}
