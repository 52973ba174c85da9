import type { CompiledDictionary, SchemaObject } from './compiled.js'
import { isSchemaObject, nodeFilesOf } from './compiled.js'
import { resolveFile } from './resolve.js'

/** A subgroup of links: at most one (exclusive), at least one (required). */
export interface LinkGroup {
  exclusive: boolean
  required: boolean
  /** Every link name under the group, nested subgroups included. */
  members: readonly string[]
}

export interface Link {
  name: string
  target: string
  multiplicity: string
  backref: string
  label: string
  required: boolean
  /** The innermost subgroup the link belongs to, if any. */
  group?: LinkGroup
}

/** A node as the comparison sees it, with every `$ref` resolved. */
export interface Node {
  id: string
  file: string
  /** Node-level keywords that are compared as a whole. */
  attributes: Readonly<Record<string, unknown>>
  required: ReadonlySet<string>
  properties: ReadonlyMap<string, SchemaObject>
  links: ReadonlyMap<string, Link>
}

export const comparedAttributes = [
  'title',
  'category',
  'submittable',
  'additionalProperties',
  'uniqueKeys'
] as const

export interface Nodes {
  nodes: ReadonlyMap<string, Node>
  /** References that did not resolve, in words. */
  problems: readonly string[]
}

export function nodesOf(compiled: CompiledDictionary): Nodes {
  const nodes = new Map<string, Node>()
  const problems: string[] = []

  for (const { id, file } of nodeFilesOf(compiled)) {
    const resolution = resolveFile(compiled, file)
    problems.push(...resolution.problems)
    const schema = isSchemaObject(resolution.value) ? resolution.value : {}
    nodes.set(id, nodeOf(id, file, schema))
  }
  return { nodes, problems }
}

function nodeOf(id: string, file: string, schema: SchemaObject): Node {
  const properties = isSchemaObject(schema.properties) ? schema.properties : {}
  const required = Array.isArray(schema.required) ? schema.required : []
  const links = new Map<string, Link>()
  collectLinks(schema.links, undefined, links)

  return {
    id,
    file,
    attributes: Object.fromEntries(
      comparedAttributes.map((name) => [name, schema[name]])
    ),
    required: new Set(required.filter((name) => typeof name === 'string')),
    properties: new Map(
      Object.entries(properties).map(([name, property]) => [
        name,
        isSchemaObject(property) ? property : {}
      ])
    ),
    links
  }
}

function collectLinks(
  items: unknown,
  group: LinkGroup | undefined,
  links: Map<string, Link>
): void {
  if (!Array.isArray(items)) return

  for (const item of items) {
    if (!isSchemaObject(item)) continue
    if (Array.isArray(item.subgroup)) {
      const subgroup: LinkGroup = {
        exclusive: item.exclusive === true,
        required: item.required === true,
        members: linkNamesUnder(item.subgroup)
      }
      collectLinks(item.subgroup, subgroup, links)
      continue
    }
    if (typeof item.name !== 'string') continue
    links.set(item.name, {
      name: item.name,
      target: text(item.target_type),
      multiplicity: text(item.multiplicity),
      backref: text(item.backref),
      label: text(item.label),
      required: item.required === true,
      ...(group && { group })
    })
  }
}

function linkNamesUnder(items: readonly unknown[]): string[] {
  return items.flatMap((item) => {
    if (!isSchemaObject(item)) return []
    if (Array.isArray(item.subgroup)) return linkNamesUnder(item.subgroup)
    return typeof item.name === 'string' ? [item.name] : []
  })
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null)
}
