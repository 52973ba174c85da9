import { finding, type Finding } from '../findings.js'
import type { Dictionary, DictionaryNode } from '../load.js'
import { child, isMapping } from '../pointer.js'
import { suggestion } from '../spelling.js'
import { placeIn } from './place.js'
import { centreNodes, hasNode, resolvedNodes } from './scope.js'
import { kind, names } from '../wording.js'

/*
 * Mistakes Gen3's own checks let through and the services meet only while
 * they run.
 */

function propertyKeys(node: DictionaryNode): string[] {
  const { properties } = node.schema
  return isMapping(properties) ? Object.keys(properties) : []
}

/** sheepdog's unique-keys validator looks each name up in the node's properties. */
function checkUniqueKeys(node: DictionaryNode): Finding[] {
  const { uniqueKeys } = node.schema
  if (uniqueKeys === undefined) return []
  const expected =
    'a list of lists of property names, such as [[id], [project_id, submitter_id]].'
  if (!Array.isArray(uniqueKeys)) {
    return [
      finding(
        'R-UNIQUEKEYS-PROPS',
        placeIn(node, '/uniqueKeys'),
        `uniqueKeys of ${node.id} is ${kind(uniqueKeys)}, not a list of lists.`,
        expected,
        'loose'
      )
    ]
  }
  const properties = propertyKeys(node)
  return uniqueKeys.flatMap((keys: unknown, index): Finding[] => {
    const at = child('/uniqueKeys', index)
    if (!Array.isArray(keys) || keys.some((key) => typeof key !== 'string')) {
      return [
        finding(
          'R-UNIQUEKEYS-PROPS',
          placeIn(node, at),
          `Item ${index + 1} of uniqueKeys of ${node.id} is ${kind(keys)}, not a list of property names.`,
          expected,
          'loose'
        )
      ]
    }
    return (keys as string[])
      .filter((key) => !properties.includes(key))
      .map((key) =>
        finding(
          'R-UNIQUEKEYS-PROPS',
          placeIn(node, at),
          `uniqueKeys of ${node.id} names ${key}, which is not one of its properties${suggestion(key, properties)}; sheepdog fails on submission.`,
          'names of properties of the node.',
          'loose'
        )
      )
  })
}

function checkSystemProperties(node: DictionaryNode): Finding[] {
  const { systemProperties } = node.schema
  if (!Array.isArray(systemProperties)) return []
  const properties = propertyKeys(node)
  return systemProperties.flatMap((name: unknown, index): Finding[] => {
    if (typeof name === 'string' && properties.includes(name)) return []
    return [
      finding(
        'R-SYSTEM-PROPS',
        placeIn(node, child('/systemProperties', index)),
        typeof name === 'string'
          ? `systemProperties of ${node.id} names ${name}, which is not one of its properties${suggestion(name, properties)}.`
          : `systemProperties of ${node.id} holds ${kind(name)}, not a property name.`,
        'names of properties of the node, such as id, project_id, state, created_datetime, updated_datetime.',
        'loose'
      )
    ]
  })
}

/** A circle of required links: no record of its nodes can be submitted first. */
function checkRequiredCycles(dictionary: Dictionary): Finding[] {
  const parents = new Map<
    string,
    { target: string; node: DictionaryNode; pointer: string }[]
  >()
  for (const node of centreNodes(dictionary)) {
    const { links } = node.schema
    if (!Array.isArray(links)) continue
    ;(links as unknown[]).forEach((link, index) => {
      if (!isMapping(link) || link.required !== true) return
      const target =
        typeof link.target_type === 'string' ? link.target_type : undefined
      if (target === undefined || !dictionary.nodes.has(target)) return
      const list = parents.get(node.id) ?? []
      list.push({ target, node, pointer: child('/links', index) })
      parents.set(node.id, list)
    })
  }

  const found: Finding[] = []
  const done = new Set<string>()
  const visit = (id: string, path: string[]) => {
    if (done.has(id)) return
    const start = path.indexOf(id)
    if (start >= 0) {
      const circle = [...path.slice(start), id]
      const last = path[path.length - 1] ?? id
      const edge = parents.get(last)?.find((item) => item.target === id)
      if (edge) {
        found.push(
          finding(
            'R-REQUIRED-CYCLE',
            placeIn(edge.node, edge.pointer),
            `Required links go round in a circle (${circle.join(' → ')}), so no record of ${names([...new Set(circle)])} can be submitted first.`,
            'one link of the circle with required: false.',
            'loose'
          )
        )
      }
      return
    }
    for (const { target } of parents.get(id) ?? []) visit(target, [...path, id])
    done.add(id)
  }
  for (const id of parents.keys()) visit(id, [])
  return found
}

/** peregrine#30: without a case node, older images fail building the case cache unless it is turned off. */
function checkCaseCache(dictionary: Dictionary): Finding[] {
  if (hasNode(dictionary, 'case')) return []
  if (dictionary.settings.enable_case_cache === false) return []
  const settings = dictionary.files.get('_settings.yaml')
  return [
    finding(
      'R-CASE-CACHE',
      settings
        ? {
            file: '_settings.yaml',
            line: settings.positions.get('/enable_case_cache')?.line ?? 1
          }
        : undefined,
      'The dictionary has no case node and does not turn the case cache off; older peregrine images fail to start so (uc-cdis/peregrine#30).',
      'enable_case_cache: false in _settings.yaml.',
      'advice'
    )
  ]
}

/** compose-services docs/using_the_commons.md: "3 nodes that are required for the dev (default) portal". */
const portalNodes = ['case', 'experiment', 'aliquot']

function checkPortalNodes(dictionary: Dictionary): Finding[] {
  const missing = portalNodes.filter((id) => !hasNode(dictionary, id))
  if (missing.length === 0) return []
  return [
    finding(
      'R-PORTAL-NODES',
      undefined,
      `The dictionary has no ${names(missing)} node${missing.length === 1 ? '' : 's'}, which compose-services' default portal configuration expects.`,
      "a portal configuration (gitops.json) written for this dictionary's nodes.",
      'advice'
    )
  ]
}

/**
 * What the services meet only while they run. With a portal configuration
 * of the centre's own, the default portal's node needs do not apply.
 */
export function checkRuntime(
  dictionary: Dictionary,
  portalConfigured = false
): Finding[] {
  return [
    ...resolvedNodes(dictionary).flatMap((node) => [
      ...checkUniqueKeys(node),
      ...checkSystemProperties(node)
    ]),
    ...checkRequiredCycles(dictionary),
    ...checkCaseCache(dictionary),
    ...(portalConfigured ? [] : checkPortalNodes(dictionary))
  ]
}
