import { isMapping } from './pointer.js'

/** Names of the links a submission must give: plain links marked required, at any depth. */
export function requiredLinkNames(links: unknown): string[] {
  if (!Array.isArray(links)) return []
  return links.flatMap((link: unknown): string[] => {
    if (!isMapping(link)) return []
    if ('subgroup' in link) return requiredLinkNames(link.subgroup)
    return link.required === true && typeof link.name === 'string'
      ? [link.name]
      : []
  })
}

const nullType = { type: 'null' }

function holdsNullType(list: unknown[]): boolean {
  return list.some(
    (item) =>
      isMapping(item) && Object.keys(item).length === 1 && item.type === 'null'
  )
}

function withNull(property: Record<string, unknown>): Record<string, unknown> {
  const { type } = property
  if (type !== undefined) {
    // Python's `"null" not in type` is a substring test when type is text.
    if (typeof type === 'string') {
      return type.includes('null')
        ? property
        : { ...property, type: [type, 'null'] }
    }
    if (Array.isArray(type)) {
      return type.includes('null')
        ? property
        : { ...property, type: [...(type as unknown[]), 'null'] }
    }
    return property
  }
  if (property.enum !== undefined) {
    const values: unknown[] = Array.isArray(property.enum)
      ? property.enum
      : [property.enum]
    return values.includes(null)
      ? property
      : { ...property, enum: [...values, null] }
  }
  for (const keyword of ['anyOf', 'oneOf']) {
    const options = property[keyword]
    if (options !== undefined) {
      return Array.isArray(options) && !holdsNullType(options)
        ? { ...property, [keyword]: [...(options as unknown[]), nullType] }
        : property
    }
  }
  return property
}

/**
 * A node as the services hold it after dictionaryutils' allow_nulls: every
 * property that is neither required nor a required link also accepts null
 * (`null` added to its type, None to its enum, or {type: null} to its
 * anyOf/oneOf). The metaschema is checked on this form.
 */
export function allowNulls(
  schema: Record<string, unknown>
): Record<string, unknown> {
  const { properties } = schema
  if (!isMapping(properties)) return schema

  const required = new Set([
    ...(Array.isArray(schema.required) ? (schema.required as unknown[]) : []),
    ...requiredLinkNames(schema.links)
  ])
  const nullable = Object.fromEntries(
    Object.entries(properties).map(([name, property]) => [
      name,
      required.has(name) || !isMapping(property) ? property : withNull(property)
    ])
  )
  return { ...schema, properties: nullable }
}
