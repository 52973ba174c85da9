import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { parse } from 'yaml'

/**
 * Just enough of a Gen3 dictionary to check the example's configuration
 * against it: each node's properties (the `$ref`s of its properties merged,
 * as dictionaryutils does), its links and the backrefs that point at it.
 * Validating a dictionary is the job of validate-dictionary, not of this.
 */
export interface Link {
  name: string
  backref: string
  target: string
}

export interface DictionaryNode {
  id: string
  file: string
  properties: string[]
  links: Link[]
  backrefs: Link[]
}

interface NodeFile {
  id: string
  properties: Record<string, unknown>
  links: Record<string, unknown>[]
}

function flatten(links: Record<string, unknown>[]): Link[] {
  return links.flatMap((link) =>
    Array.isArray(link.subgroup)
      ? flatten(link.subgroup as Record<string, unknown>[])
      : [
          {
            name: String(link.name),
            backref: String(link.backref),
            target: String(link.target_type)
          }
        ]
  )
}

function propertyNames(
  properties: Record<string, unknown>,
  definitions: Record<string, unknown>
): string[] {
  return Object.entries(properties).flatMap(([key, value]) => {
    if (!key.startsWith('$ref')) return [key]
    const pointer = String(value).split('#/')[1] ?? ''
    const target = definitions[pointer] as Record<string, unknown> | undefined
    return target ? propertyNames(target, definitions) : []
  })
}

export function readDictionary(folder: string): Map<string, DictionaryNode> {
  const files = readdirSync(folder).filter((name) => name.endsWith('.yaml'))
  const definitions = parse(
    readFileSync(path.join(folder, '_definitions.yaml'), 'utf8')
  ) as Record<string, unknown>

  const nodes = new Map<string, DictionaryNode>()
  for (const file of files.filter((name) => !name.startsWith('_'))) {
    const node = parse(
      readFileSync(path.join(folder, file), 'utf8')
    ) as NodeFile
    nodes.set(node.id, {
      id: node.id,
      file,
      properties: [...new Set(propertyNames(node.properties, definitions))],
      links: flatten(node.links),
      backrefs: []
    })
  }

  for (const node of nodes.values()) {
    for (const link of node.links) {
      nodes.get(link.target)?.backrefs.push({ ...link, target: node.id })
    }
  }
  return nodes
}

/**
 * The node a dotted path leads to from a node, following backrefs (down the
 * graph, as tube aggregates) or links (up, as tube finds a file's root).
 */
export function walk(
  nodes: Map<string, DictionaryNode>,
  from: string,
  dotted: string,
  along: 'backrefs' | 'links'
): string | undefined {
  let here: string | undefined = from
  for (const step of dotted.split('.')) {
    const node: DictionaryNode | undefined =
      here === undefined ? undefined : nodes.get(here)
    const edge: Link | undefined = node?.[along].find((link) =>
      along === 'links' ? link.name === step : link.backref === step
    )
    here = edge?.target
  }
  return here
}
