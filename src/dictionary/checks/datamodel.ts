import { createHash } from 'node:crypto'

import { finding, type Finding, type Place } from '../findings.js'
import { type PlacedLink, plainLinks, text } from '../links.js'
import type { Dictionary, DictionaryNode } from '../load.js'
import { allowNulls } from '../nulls.js'
import { child, isMapping } from '../pointer.js'
import { nodePlace, placeIn } from './place.js'
import { centreNodes, resolvedNodes } from './scope.js'
import { names, show } from '../wording.js'

/*
 * What gen3datamodel does when sheepdog and peregrine start: a SQLAlchemy
 * class and table per node, an edge class and table per link, and the link
 * names and backrefs as attributes. A mistake here stops both services
 * (uc-cdis/gen3datamodel gen3datamodel/models/__init__.py).
 */

/** gen3datamodel get_links: a node's links by name, the last of a repeated name winning. */
function linksByName(node: DictionaryNode): Map<string, PlacedLink> {
  const byName = new Map<string, PlacedLink>()
  for (const placed of plainLinks(node.schema)) {
    const name = text(placed.link.name)
    if (name !== undefined) byName.set(name, placed)
  }
  return byName
}

function checkRepeatedLinkNames(node: DictionaryNode): Finding[] {
  const first = new Map<string, PlacedLink>()
  const found: Finding[] = []
  for (const placed of plainLinks(node.schema)) {
    const name = text(placed.link.name)
    if (name === undefined) continue
    const earlier = first.get(name)
    if (earlier) {
      const line = placeIn(node, earlier.pointer).line
      found.push(
        finding(
          'R-BACKREF-UNIQUE',
          placeIn(node, child(placed.pointer, 'name')),
          `${node.id} has a second link named ${name}${line === undefined ? '' : ` (the first is on line ${line})`}; Gen3 keeps only the last one.`,
          'a different name for each link of a node.',
          'loose'
        )
      )
    } else first.set(name, placed)
  }
  return found
}

interface Attribute {
  description: string
}

/** Link names and backrefs become attributes of the node classes; two of a name stop the services. */
function checkAttributes(dictionary: Dictionary): Finding[] {
  const attributes = new Map<string, Map<string, Attribute>>()
  const on = (id: string) => {
    let map = attributes.get(id)
    if (!map) attributes.set(id, (map = new Map<string, Attribute>()))
    return map
  }
  const found: Finding[] = []

  for (const source of dictionary.nodes.values()) {
    for (const [name, placed] of linksByName(source)) {
      const targetId = text(placed.link.target_type)
      const backref = text(placed.link.backref)
      const target =
        targetId === undefined ? undefined : dictionary.nodes.get(targetId)
      if (!target || backref === undefined) continue

      const linkText = `the link ${name} (${source.id} → ${target.id})`
      const onTarget = on(target.id)
      const clash = onTarget.get(backref)
      if (clash) {
        found.push(
          finding(
            'R-BACKREF-UNIQUE',
            sidePlace(source, placed, 'backref', target),
            `The backref ${backref} of ${linkText} is already ${clash.description}; sheepdog and peregrine fail to start.`,
            `a backref that no link of ${target.id} is named and no other link to ${target.id} uses, such as ${source.id}s.`
          )
        )
      }
      onTarget.set(backref, { description: `the backref of ${linkText}` })
      found.push(...backrefOverProperty(source, placed, target, linkText))

      const onSource = on(source.id)
      const nameClash = onSource.get(name)
      if (nameClash) {
        found.push(
          finding(
            'R-BACKREF-UNIQUE',
            sidePlace(source, placed, 'name', target),
            `The link name ${name} of ${source.id} is already ${nameClash.description}; sheepdog and peregrine fail to start.`,
            `a link name that no link to ${source.id} uses as its backref.`
          )
        )
      }
      onSource.set(name, { description: `the name of ${linkText}` })
    }
  }
  return found
}

/** A backref becomes an attribute of the target's class, where a property of that name already is. */
function backrefOverProperty(
  source: DictionaryNode,
  placed: PlacedLink,
  target: DictionaryNode,
  linkText: string
): Finding[] {
  const backref = text(placed.link.backref)
  const { properties } = target.schema
  if (source.builtin || backref === undefined || !isMapping(properties)) {
    return []
  }
  // A link's own property is reported as a clash with the link itself.
  if (!Object.hasOwn(properties, backref) || linksByName(target).has(backref)) {
    return []
  }
  return [
    finding(
      'R-BACKREF-UNIQUE',
      placeIn(source, child(placed.pointer, 'backref')),
      `The backref ${backref} of ${linkText} is also a property of ${target.id}; the two share one attribute of ${target.id}'s records.`,
      `a backref that is not a property of ${target.id}, such as ${source.id}s.`,
      'loose'
    )
  ]
}

/** A clash involving one of Gen3's built-in nodes is placed at the centre's side of it. */
function sidePlace(
  source: DictionaryNode,
  placed: PlacedLink,
  key: string,
  target: DictionaryNode
): Place | undefined {
  if (!source.builtin) return placeIn(source, child(placed.pointer, key))
  return target.builtin ? undefined : nodePlace(target)
}

function nodeTable(id: string): string {
  return `node_${id.replace(/_/g, '')}`
}

function abbreviate(label: string, length: number): string {
  return label
    .split('_')
    .map((part) => part.slice(0, 2))
    .join('')
    .slice(0, length)
}

/** gen3datamodel generate_edge_tablename: names longer than 40 are hashed and abbreviated. */
export function edgeTable(
  source: string,
  label: string,
  target: string
): string {
  const full = `edge_${source.replace(/_/g, '')}${label.replace(/_/g, '')}${target.replace(/_/g, '')}`
  if (full.length <= 40) return full
  const hash = createHash('md5').update(full).digest('hex').slice(0, 8)
  return `edge_${hash}_${abbreviate(source, 10)}${abbreviate(label, 7)}${abbreviate(target, 10)}`
}

function checkTables(dictionary: Dictionary): Finding[] {
  const found: Finding[] = []
  const nodeTables = new Map<string, string>()
  for (const node of dictionary.nodes.values()) {
    const table = nodeTable(node.id)
    const earlier = nodeTables.get(table)
    if (earlier !== undefined) {
      found.push(
        finding(
          'R-TABLE-UNIQUE',
          node.builtin ? undefined : nodePlace(node),
          `The node ids ${earlier} and ${node.id} both name the table ${table} (underscores are dropped); sheepdog fails to start.`,
          'ids that still differ once underscores are removed.'
        )
      )
    }
    nodeTables.set(table, node.id)
  }

  const edgeTables = new Map<string, string>()
  for (const node of dictionary.nodes.values()) {
    for (const [name, placed] of linksByName(node)) {
      const label = text(placed.link.label)
      const targetId = text(placed.link.target_type)
      if (label === undefined || targetId === undefined) continue
      if (!dictionary.nodes.has(targetId)) continue
      const table = edgeTable(node.id, label.replace(/ /g, ''), targetId)
      const description = `${node.id} -${label}→ ${targetId} (link ${name})`
      const earlier = edgeTables.get(table)
      if (earlier !== undefined) {
        found.push(
          finding(
            'R-TABLE-UNIQUE',
            node.builtin
              ? undefined
              : placeIn(node, child(placed.pointer, 'label')),
            `The links ${earlier} and ${description} both name the edge table ${table}; sheepdog fails to start.`,
            'labels that keep each source-label-target triple different once underscores are removed.'
          )
        )
      }
      edgeTables.set(table, description)
    }
  }
  return found
}

const storableTypes = new Set([
  'string',
  'number',
  'integer',
  'float',
  'null',
  'boolean',
  'array'
])

/** gen3datamodel types_from_str: the property types it can store. */
function checkPropertyTypes(node: DictionaryNode): Finding[] {
  const { properties } = allowNulls(node.schema)
  if (!isMapping(properties)) return []
  const linkNames = new Set(linksByName(node).keys())

  return Object.entries(properties).flatMap(([name, property]): Finding[] => {
    if (linkNames.has(name) || name === 'id' || name === 'type') return []
    if (!isMapping(property) || !('type' in property)) return []
    const types: unknown[] = Array.isArray(property.type)
      ? property.type
      : [property.type]
    const unknown = types.filter(
      (type) => typeof type !== 'string' || !storableTypes.has(type)
    )
    if (unknown.length === 0) return []
    return [
      finding(
        'R-PROP-TYPES',
        placeIn(node, child(child('/properties', name), 'type')),
        `The property ${name} of ${node.id} has the type ${names(unknown.map(show))}, which Gen3 cannot store; sheepdog and peregrine fail to start.`,
        'string, number, integer, boolean or array (with items); a structured value needs several properties or a linked node.'
      )
    ]
  })
}

function checkTitle(node: DictionaryNode): Finding[] {
  if (Object.hasOwn(node.schema, 'title')) return []
  return [
    finding(
      'R-TITLE',
      nodePlace(node),
      `${node.id} has no title; sheepdog and peregrine fail to start without one.`,
      `title: the display name, such as ${node.id
        .split('_')
        .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
        .join(' ')}.`
    )
  ]
}

/** The checks gen3datamodel makes, by failing, when the services start. */
export function checkDatamodel(dictionary: Dictionary): Finding[] {
  const centre = centreNodes(dictionary)
  return [
    ...centre.flatMap(checkRepeatedLinkNames),
    ...checkAttributes(dictionary),
    ...checkTables(dictionary),
    ...resolvedNodes(dictionary).flatMap(checkPropertyTypes),
    ...centre.flatMap(checkTitle)
  ]
}
