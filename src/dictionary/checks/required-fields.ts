import { finding, type Finding } from '../findings.js'
import type { Dictionary, DictionaryNode } from '../load.js'
import { allowNulls } from '../nulls.js'
import { child, isMapping } from '../pointer.js'
import { nodePlace, placeIn } from './place.js'
import { hasNode, resolvedNodes } from './scope.js'
import { names } from '../wording.js'

/*
 * The fields Gen3's dictionary tests (uc-cdis/dictionaryutils tests/) require
 * of the root nodes, of every other node and of data file nodes.
 */

function propertyNames(node: DictionaryNode): Set<string> {
  const { properties } = node.schema
  return new Set(isMapping(properties) ? Object.keys(properties) : [])
}

function requiredNames(node: DictionaryNode): Set<string> | undefined {
  const { required } = node.schema
  return Array.isArray(required)
    ? new Set(required.filter((name) => typeof name === 'string'))
    : undefined
}

function where(node: DictionaryNode, key: string) {
  return node.origins.has(`/${key}`)
    ? placeIn(node, `/${key}`)
    : nodePlace(node)
}

function missingProperties(
  node: DictionaryNode,
  wanted: readonly string[],
  why: string,
  expected: string
): Finding[] {
  const present = propertyNames(node)
  const missing = wanted.filter((name) => !present.has(name))
  if (missing.length === 0) return []
  return [
    finding(
      ruleOf(node),
      where(node, 'properties'),
      `${node.id} has no ${missing.length === 1 ? 'property' : 'properties'} ${names(missing)}, which ${why}.`,
      expected
    )
  ]
}

function notRequired(
  node: DictionaryNode,
  wanted: readonly string[],
  why: string,
  expected: string
): Finding[] {
  const required = requiredNames(node)
  const missing = wanted.filter((name) => !required?.has(name))
  if (missing.length === 0) return []
  return [
    finding(
      ruleOf(node),
      where(node, 'required'),
      required
        ? `${node.id} does not list ${names(missing)} in required, which ${why}.`
        : `${node.id} has no required list; ${names(missing)} must be in it, which ${why}.`,
      expected
    )
  ]
}

function ruleOf(node: DictionaryNode) {
  if (node.id === 'program') return 'R-PROGRAM' as const
  if (node.id === 'project') return 'R-PROJECT' as const
  return 'R-UBIQUITOUS' as const
}

function checkRootNodes(dictionary: Dictionary): Finding[] {
  return ['program', 'project']
    .filter((id) => !hasNode(dictionary, id))
    .map((id) =>
      finding(
        'R-ROOT-NODES',
        undefined,
        `The dictionary has no ${id} node, which Gen3 needs at the root of every submission.`,
        `${id}.yaml with id: ${id}, as in the uc-cdis/datadictionary ${id}.yaml.`
      )
    )
}

function checkProgram(node: DictionaryNode): Finding[] {
  return [
    ...missingProperties(
      node,
      ['id', 'type'],
      'the program node needs',
      'type: {type: string} and id: {$ref: "_definitions.yaml#/UUID"} in properties.'
    ),
    ...notRequired(
      node,
      ['dbgap_accession_number'],
      "Gen3's tests require of program",
      'required: [name, dbgap_accession_number].'
    )
  ]
}

function checkProject(node: DictionaryNode): Finding[] {
  return [
    ...missingProperties(
      node,
      ['availability_type', 'code', 'dbgap_accession_number', 'id', 'type'],
      'the project node needs',
      'the project properties of the uc-cdis/datadictionary project.yaml: availability_type, code, dbgap_accession_number, id and type.'
    ),
    ...notRequired(
      node,
      ['dbgap_accession_number'],
      "Gen3's tests require of project",
      'required: [code, name, dbgap_accession_number, …].'
    )
  ]
}

const ubiquitous = [
  'updated_datetime',
  'created_datetime',
  'id',
  'type',
  'submitter_id'
]

function checkUbiquitous(node: DictionaryNode): Finding[] {
  if (node.schema.category === 'internal') {
    return notRequired(
      node,
      ['type'],
      'every internal node must require',
      'required: [type, …].'
    )
  }
  return [
    ...missingProperties(
      node,
      ubiquitous,
      'every node but program and project needs',
      'properties: {$ref: "_definitions.yaml#/ubiquitous_properties", …}.'
    ),
    ...notRequired(
      node,
      ['submitter_id', 'type'],
      'every node but program and project must require',
      'required: [submitter_id, type, …].'
    )
  ]
}

function checkFileNode(node: DictionaryNode): Finding[] {
  const { category } = node.schema
  if (typeof category !== 'string' || !category.endsWith('_file')) return []
  const present = propertyNames(node)
  const wanted = [
    'data_type',
    'data_format',
    'data_category',
    'object_id',
    'core_metadata_collections'
  ]
  const missing = wanted.filter((name) => !present.has(name))
  const required = requiredNames(node)
  const unrequired = ['data_type', 'data_format', 'data_category'].filter(
    (name) => present.has(name) && !required?.has(name)
  )
  const found: Finding[] = []
  if (missing.length > 0) {
    found.push(
      finding(
        'R-FILE-NODE',
        where(node, 'properties'),
        `${node.id} is a ${category} node without ${names(missing)}, which Gen3's tests require of data file nodes.`,
        'properties: {$ref: "_definitions.yaml#/data_file_properties", …} and a core_metadata_collections link.'
      )
    )
  }
  if (unrequired.length > 0) {
    found.push(
      finding(
        'R-FILE-NODE',
        where(node, 'required'),
        `${node.id} is a ${category} node that does not require ${names(unrequired)}.`,
        'required: [submitter_id, type, data_type, data_format, data_category, …].'
      )
    )
  }
  return found
}

/** dictionaryutils tests: file_size is an integer (null aside, for optional ones). */
function checkFileSize(node: DictionaryNode): Finding[] {
  const { properties } = allowNulls(node.schema)
  if (!isMapping(properties) || !Object.hasOwn(properties, 'file_size'))
    return []
  const property = properties.file_size
  const types: unknown[] = isMapping(property)
    ? Array.isArray(property.type)
      ? property.type
      : [property.type]
    : [undefined]
  const valid =
    types.every((type) => type === 'integer' || type === 'null') &&
    types.includes('integer')
  if (valid) return []
  return [
    finding(
      'R-FILE-SIZE-INT',
      placeIn(node, child('/properties', 'file_size')),
      `The property file_size of ${node.id} is not of type integer.`,
      'file_size: {$ref: "_definitions.yaml#/file_size"} or type: integer.'
    )
  ]
}

/** What Gen3's dictionary tests require of particular nodes and fields. */
export function checkRequiredFields(dictionary: Dictionary): Finding[] {
  const found = checkRootNodes(dictionary)
  for (const node of resolvedNodes(dictionary)) {
    if (node.id === 'program') found.push(...checkProgram(node))
    else if (node.id === 'project') found.push(...checkProject(node))
    else found.push(...checkUbiquitous(node))
    found.push(...checkFileNode(node), ...checkFileSize(node))
  }
  return found
}
