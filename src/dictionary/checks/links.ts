import { finding, type Finding } from '../findings.js'
import { plainLinks, text } from '../links.js'
import type { Dictionary, DictionaryNode } from '../load.js'
import { child, isMapping } from '../pointer.js'
import { suggestion } from '../spelling.js'
import { nodePlace, placeIn } from './place.js'
import { centreNodes, unloadedNodeIds } from './scope.js'
import { kind } from '../wording.js'

function propertiesOf(node: DictionaryNode): Record<string, unknown> {
  const { properties } = node.schema
  return isMapping(properties) ? properties : {}
}

/** What makes dictionaryutils' loader fail on `links` (allow_nulls walks them all). */
function checkForm(node: DictionaryNode): Finding[] {
  const found: Finding[] = []
  const { links } = node.schema
  if (links === undefined) return found
  if (!Array.isArray(links)) {
    found.push(
      finding(
        'R-LINKS-FORM',
        placeIn(node, '/links'),
        `links is ${kind(links)}, not a list; Gen3's loader fails on it.`,
        'a list of links, or links: [] for none.'
      )
    )
    return found
  }

  const visit = (items: unknown[], pointer: string) => {
    items.forEach((item: unknown, index) => {
      const at = child(pointer, index)
      if (!isMapping(item)) {
        found.push(
          finding(
            'R-LINKS-FORM',
            placeIn(node, at),
            `This item of links is ${kind(item)}, not a link.`,
            'a link (name, backref, label, target_type, multiplicity, required) or a subgroup (exclusive, required, subgroup).'
          )
        )
      } else if ('subgroup' in item) {
        if (Array.isArray(item.subgroup)) {
          visit(item.subgroup, child(at, 'subgroup'))
        } else {
          found.push(
            finding(
              'R-LINKS-FORM',
              placeIn(node, child(at, 'subgroup')),
              `subgroup is ${kind(item.subgroup)}, not a list of links.`,
              'a list of links (or of nested subgroups).'
            )
          )
        }
      } else if (!('required' in item)) {
        found.push(
          finding(
            'R-LINKS-FORM',
            placeIn(node, at),
            `The link ${text(item.name) ?? `links item ${index + 1}`} has no required; Gen3's loader fails without it.`,
            'required: true when every record must give this link, otherwise required: false.'
          )
        )
      }
    })
  }
  visit(links, '/links')
  return found
}

function checkLinkProperties(node: DictionaryNode): Finding[] {
  const properties = propertiesOf(node)
  if (!isMapping(node.schema.properties)) return []
  return plainLinks(node.schema).flatMap(({ link, pointer }) => {
    const name = text(link.name)
    if (name === undefined || Object.hasOwn(properties, name)) return []
    const reference =
      link.multiplicity === 'one_to_many' ||
      link.multiplicity === 'many_to_many'
        ? 'to_many'
        : 'to_one'
    return [
      finding(
        'R-LINK-IS-PROP',
        placeIn(node, child(pointer, 'name')),
        `The link ${name} of ${node.id} has no property of the same name${suggestion(name, Object.keys(properties))}.`,
        `a property ${name}: {$ref: "_definitions.yaml#/${reference}"}.`
      )
    ]
  })
}

function checkTargets(dictionary: Dictionary, node: DictionaryNode): Finding[] {
  const unloaded = unloadedNodeIds(dictionary)
  return plainLinks(node.schema).flatMap(({ link, pointer }) => {
    const target = text(link.target_type)
    if (target === undefined || dictionary.nodes.has(target)) return []
    if (unloaded.has(target)) return []
    return [
      finding(
        'R-LINK-TARGET',
        placeIn(node, child(pointer, 'target_type')),
        `The link ${text(link.name) ?? ''} of ${node.id} targets ${target}, which is not a node${suggestion(target, dictionary.nodes.keys())}; sheepdog and peregrine fail to start.`,
        'the id of a node of the dictionary.'
      )
    ]
  })
}

/** dictionaryutils tests/test_required_links.py: a link's property carries the target's keys. */
function checkForeignKeys(
  dictionary: Dictionary,
  node: DictionaryNode
): Finding[] {
  const properties = propertiesOf(node)
  const { links } = node.schema
  if (!Array.isArray(links)) return []

  return links.flatMap((link: unknown): Finding[] => {
    if (!isMapping(link) || 'subgroup' in link) return []
    const name = text(link.name)
    const targetId = text(link.target_type)
    const target =
      targetId === undefined ? undefined : dictionary.nodes.get(targetId)
    if (name === undefined || !target || targetId === 'program') return []
    if (target.schema.category === 'internal') return []
    if (!Object.hasOwn(properties, name)) return []

    const at = child('/properties', name)
    const keys = foreignKeys(properties[name])
    const toProject = targetId === 'project'
    const expected = toProject
      ? 'a link to project made with $ref: "_definitions.yaml#/to_one_project" (or to_many_project), whose keys are id and code.'
      : 'a link property made with $ref: "_definitions.yaml#/to_one" (or to_many), whose keys are id and submitter_id.'
    if (!keys) {
      return [
        finding(
          'R-LINK-FK-SHAPE',
          placeIn(node, at),
          `The property ${name} of ${node.id} is not a link reference: it needs anyOf[0].items.properties naming the keys of ${targetId}.`,
          expected
        )
      ]
    }
    const targetProperties = isMapping(target.schema.properties)
      ? target.schema.properties
      : {}
    return keys
      .filter((key) => !Object.hasOwn(targetProperties, key))
      .map((key) =>
        finding(
          'R-LINK-FK-SHAPE',
          placeIn(node, at),
          `The link ${name} of ${node.id} refers to ${targetId} by ${key}, which ${targetId} has no property for.`,
          expected
        )
      )
  })
}

function foreignKeys(property: unknown): string[] | undefined {
  if (!isMapping(property) || !Array.isArray(property.anyOf)) return undefined
  const [first] = property.anyOf as unknown[]
  if (!isMapping(first) || !isMapping(first.items)) return undefined
  const keys = first.items.properties
  return isMapping(keys) ? Object.keys(keys) : undefined
}

/** Nodes data-simulator leaves out of the graph it checks, and does not count as parents. */
const outsideSimulation = new Set(['program', 'root', 'data_release'])

/** data-simulator graph.construct_graph_edges: the links it follows to build a node's parents. */
function requiredTargets(schema: Record<string, unknown>): string[] {
  const { links } = schema
  if (!Array.isArray(links)) return []
  const targets: string[] = []
  for (const link of links as unknown[]) {
    if (!isMapping(link) || link.required !== true) continue
    const target = text(link.target_type)
    if (target !== undefined) targets.push(target)
    const group = link.subgroup
    if (!Array.isArray(group)) continue
    for (const member of group as unknown[]) {
      const memberTarget = isMapping(member)
        ? text(member.target_type)
        : undefined
      if (memberTarget !== undefined) targets.push(memberTarget)
      if (link.exclusive === true) break
    }
  }
  return targets
}

function checkRequiredLink(node: DictionaryNode): Finding[] {
  if (node.id === 'program' || node.id === 'project') return []
  if (!Array.isArray(node.schema.links)) return []
  const targets = requiredTargets(node.schema)
  if (targets.some((target) => !outsideSimulation.has(target))) return []

  const onlyProgram = targets.length > 0
  return [
    finding(
      'R-REQUIRED-LINK',
      node.origins.has('/links') ? placeIn(node, '/links') : nodePlace(node),
      onlyProgram
        ? `${node.id} links as required only to ${targets.join(', ')}, which data-simulator (run by Gen3's dictionary tests) does not count as a parent.`
        : `${node.id} has no required link, so no record of it hangs from another; data-simulator, run by Gen3's dictionary tests, rejects it.`,
      'required: true on the link to the node this one belongs to (such as subjects → subject), or a subgroup with required: true.'
    )
  ]
}

/** The links of every node: their form, their properties, their targets. */
export function checkLinks(dictionary: Dictionary): Finding[] {
  return centreNodes(dictionary).flatMap((node) => [
    ...checkForm(node),
    ...checkTargets(dictionary, node),
    ...checkRequiredLink(node),
    ...(node.resolved
      ? [...checkLinkProperties(node), ...checkForeignKeys(dictionary, node)]
      : [])
  ])
}
