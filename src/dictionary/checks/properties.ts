import { finding, type Finding } from '../findings.js'
import { text } from '../links.js'
import type { Dictionary, DictionaryNode } from '../load.js'
import { allowNulls } from '../nulls.js'
import { child, isMapping } from '../pointer.js'
import { suggestion } from '../spelling.js'
import { placeIn } from './place.js'
import { resolvedNodes } from './scope.js'
import { names, show } from '../wording.js'

function propertyPointer(name: string): string {
  return child('/properties', name)
}

function typesOf(property: Record<string, unknown>): unknown[] {
  const { type } = property
  if (type === undefined) return []
  return Array.isArray(type) ? type : [type]
}

/** dictionaryutils tests: an enum says its values, so no type beside it. */
function checkEnumType(
  node: DictionaryNode,
  name: string,
  property: Record<string, unknown>
): Finding[] {
  if (!('enum' in property) || !('type' in property)) return []
  return [
    finding(
      'R-ENUM-NO-TYPE',
      placeIn(node, child(propertyPointer(name), 'type')),
      `The property ${name} of ${node.id} has both an enum and a type; Gen3's tests reject a type beside an enum.`,
      'the enum alone: remove the type line.'
    )
  ]
}

function checkArrayItems(
  node: DictionaryNode,
  name: string,
  property: Record<string, unknown>
): Finding[] {
  if (!typesOf(property).includes('array') || 'items' in property) return []
  return [
    finding(
      'R-ARRAY-ITEMS',
      placeIn(node, child(propertyPointer(name), 'type')),
      `The property ${name} of ${node.id} is of type array but does not say what its items are.`,
      'items: {type: string} (or the type, enum or pattern of one item).'
    )
  ]
}

/** dictionaryutils tests and data-simulator: enum values are text, null aside. */
function checkEnumValues(
  node: DictionaryNode,
  name: string,
  property: Record<string, unknown>
): Finding[] {
  const values = property.enum
  if (!Array.isArray(values)) return []
  const index = values.findIndex(
    (value) => value !== null && typeof value !== 'string'
  )
  if (index < 0) return []
  const others = values.filter(
    (value) => value !== null && typeof value !== 'string'
  )
  const booleans = others.some((value) => typeof value === 'boolean')
  return [
    finding(
      'R-ENUM-STRINGS',
      placeIn(node, child(child(propertyPointer(name), 'enum'), index)),
      `The enum of ${name} in ${node.id} holds ${names(others.map(show))}, not text${booleans ? ': YAML 1.1 reads unquoted Yes, No, On and Off as booleans' : ''}.`,
      booleans
        ? 'every value in quotes, such as "Yes" and "No".'
        : `every value in quotes, such as "${String(others[0])}".`
    )
  ]
}

function checkRequiredNames(node: DictionaryNode): Finding[] {
  const { required, properties } = node.schema
  if (!Array.isArray(required) || !isMapping(properties)) return []
  return required.flatMap((name: unknown, index): Finding[] => {
    if (typeof name !== 'string' || Object.hasOwn(properties, name)) return []
    return [
      finding(
        'R-REQ-IN-PROPS',
        placeIn(node, child('/required', index)),
        `required lists ${name}, which is not a property of ${node.id}${suggestion(name, Object.keys(properties))}.`,
        'only names of properties (and links) of the node.'
      )
    ]
  })
}

/* data-simulator (datasimulator/node.py) skips these when it builds a record. */
const simulatorSkips = new Set([
  'type',
  'error_type',
  'state',
  'id',
  'file_state',
  'state_comment',
  'project_id',
  'submitter_id',
  'object_id',
  'created_datetime',
  'updated_datetime'
])
const outsideSimulation = new Set(['program', 'root', 'data_release'])

/** Keys anywhere inside a schema (data-simulator's get_keys_list). */
function allKeys(value: unknown, into = new Set<string>()): Set<string> {
  if (isMapping(value)) {
    for (const [key, item] of Object.entries(value)) {
      into.add(key)
      allKeys(item, into)
    }
  }
  return into
}

function looksLikeLink(schema: unknown): boolean {
  const keys = allKeys(schema)
  return keys.has('id') && keys.has('pattern') && keys.has('term')
}

/**
 * Why data-simulator's construct_simple_property_schema cannot make a value
 * for a property, or undefined when it can. It picks one of oneOf/anyOf at
 * random; here every option must do.
 */
function undeterminable(schema: unknown): string | undefined {
  if (!isMapping(schema)) return 'it is not a mapping'
  const { type } = schema
  if (type !== undefined && type !== null && type !== '' && type !== false) {
    const types = (Array.isArray(type) ? type : [type]).filter(
      (item) => item !== 'null'
    )
    if (types.length === 0) return 'its type is only null'
    if (types[0] !== 'array') return undefined
    return itemsUndeterminable(schema.items)
  }
  const options = truthyList(schema.oneOf) ?? truthyList(schema.anyOf)
  if (options) {
    const chosen =
      options.length > 1
        ? options.filter(
            (option) => !(isMapping(option) && option.type === 'null')
          )
        : options
    for (const option of chosen) {
      if (looksLikeLink(option)) continue
      const reason = undeterminable(option)
      if (reason) return `one of its options cannot be simulated: ${reason}`
    }
    return undefined
  }
  const values = truthyList(schema.enum)
  if (values) {
    const [first] = values
    const mixed = values.some(
      (value) => value !== null && typeof value !== typeof first
    )
    return mixed ? 'its enum mixes kinds of values' : undefined
  }
  if (JSON.stringify(schema).includes('date and time of day')) return undefined
  return 'it has no type, enum, oneOf or anyOf'
}

function itemsUndeterminable(items: unknown): string | undefined {
  if (items === undefined) return undefined // R-ARRAY-ITEMS says so
  if (!isMapping(items)) return 'its items are not a mapping'
  if ('pattern' in items) {
    return 'type' in items ? undefined : 'its items have a pattern but no type'
  }
  if ('enum' in items || items.type) return undefined
  const options = truthyList(items.oneOf) ?? truthyList(items.anyOf)
  if (!options) return 'its items have no type'
  const allEnums = options.every(
    (option) =>
      isMapping(option) && Array.isArray(option.enum) && option.enum.length > 0
  )
  return allEnums ? undefined : 'its items are options that are not enums'
}

function truthyList(value: unknown): unknown[] | undefined {
  return Array.isArray(value) && value.length > 0 ? value : undefined
}

/** The links data-simulator treats as a node's parents: their properties are not simulated. */
function simulatedLinkNames(schema: Record<string, unknown>): Set<string> {
  const found = new Set<string>()
  const { links } = schema
  if (!Array.isArray(links)) return found
  const add = (link: unknown) => {
    if (!isMapping(link)) return
    const target = text(link.target_type)
    const name = text(link.name)
    if (
      target !== undefined &&
      name !== undefined &&
      !outsideSimulation.has(target)
    ) {
      found.add(name)
    }
  }
  for (const link of links as unknown[]) {
    if (!isMapping(link) || link.required !== true) continue
    if ('target_type' in link) add(link)
    if (!Array.isArray(link.subgroup)) continue
    for (const member of link.subgroup as unknown[]) {
      if (isMapping(member) && 'target_type' in member) add(member)
      if (link.exclusive === true) break
    }
  }
  return found
}

function checkDataTypes(node: DictionaryNode): Finding[] {
  if (outsideSimulation.has(node.id)) return []
  const schema = allowNulls(node.schema)
  const { properties } = schema
  if (!isMapping(properties)) return []
  const system = new Set(
    Array.isArray(schema.systemProperties) ? schema.systemProperties : []
  )
  const links = simulatedLinkNames(schema)

  return Object.entries(properties).flatMap(([name, property]): Finding[] => {
    if (links.has(name) || system.has(name) || simulatorSkips.has(name))
      return []
    if (name === 'md5sum' || !isMapping(property)) return []
    const reason = undeterminable(property)
    if (!reason) return []
    return [
      finding(
        'R-PROP-DATATYPE',
        placeIn(node, propertyPointer(name)),
        `data-simulator, run by Gen3's dictionary tests, cannot tell what value the property ${name} of ${node.id} holds: ${reason}.`,
        'a type (string, number, integer, boolean, or array with items), an enum of text, or oneOf/anyOf of those.'
      )
    ]
  })
}

/** Properties one by one: enums, arrays, required names, data types. */
export function checkProperties(dictionary: Dictionary): Finding[] {
  const found: Finding[] = []
  for (const node of resolvedNodes(dictionary)) {
    const { properties } = node.schema
    if (isMapping(properties)) {
      for (const [name, property] of Object.entries(properties)) {
        if (!isMapping(property)) continue
        found.push(
          ...checkEnumType(node, name, property),
          ...checkArrayItems(node, name, property),
          ...checkEnumValues(node, name, property)
        )
      }
    }
    found.push(...checkRequiredNames(node), ...checkDataTypes(node))
  }
  return found
}
