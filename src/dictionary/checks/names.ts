import { finding, type Finding } from '../findings.js'
import { plainLinks, text } from '../links.js'
import type { Dictionary, DictionaryNode } from '../load.js'
import { child, isMapping } from '../pointer.js'
import { nodePlace, placeIn } from './place.js'
import { centreNodes, resolvedNodes } from './scope.js'

const graphqlName = /^[_a-zA-Z][_a-zA-Z0-9]*$/

/** Why a name cannot be a GraphQL name, or undefined when it can. */
function notGraphql(name: string): string | undefined {
  if (name.startsWith('__')) return 'starts with __, which GraphQL reserves'
  if (!graphqlName.test(name)) {
    return /^[0-9]/.test(name)
      ? 'starts with a digit'
      : 'has characters other than letters, digits and underscores'
  }
  return undefined
}

/** dictionaryutils tests: a file that carries an id is named after it. */
function checkFileIds(dictionary: Dictionary): Finding[] {
  return [...dictionary.files.values()].flatMap((file): Finding[] => {
    const { content } = file
    if (!isMapping(content) || !Object.hasOwn(content, 'id')) return []
    const stem = file.name.replace(/\.yaml$/, '')
    if (content.id === stem) return []
    const id = String(content.id)
    return [
      finding(
        'R-ID-FILENAME',
        { file: file.name, line: file.positions.get('/id')?.line ?? 1 },
        `${file.name} has the id ${id}; Gen3's tests expect a file's id to be its name.`,
        `id: ${stem}, or the file renamed to ${id}.yaml.`
      )
    ]
  })
}

/** An id names the PostgreSQL table node_<id> and its index node_<id>__sysan__props_idx (63 characters at most). */
function checkIdLength(node: DictionaryNode): Finding[] {
  const length = Array.from(node.id.replace(/_/g, '')).length
  if (length <= 40) return []
  const strictness = length > 46 ? 'fails' : 'loose'
  return [
    finding(
      'R-ID-LENGTH',
      nodePlace(node),
      `The id ${node.id} has ${length} characters besides underscores; PostgreSQL cuts the index name node_${node.id.replace(/_/g, '')}__sysan__props_idx at 63 characters and sheepdog fails to create it${strictness === 'loose' ? " (Gen3's own tests allow up to 46)" : ''}.`,
      'an id of at most 40 characters besides underscores.',
      strictness
    )
  ]
}

function checkIdCase(node: DictionaryNode): Finding[] {
  if (node.id === node.id.toLowerCase()) return []
  return [
    finding(
      'R-ID-LOWER',
      nodePlace(node),
      `The id ${node.id} is not lower case.`,
      `id: ${node.id.toLowerCase()} (and the file named ${node.id.toLowerCase()}.yaml).`
    )
  ]
}

/** peregrine turns node ids into GraphQL types and link names and backrefs into fields. */
function checkGraphqlNames(node: DictionaryNode): Finding[] {
  const found: Finding[] = []
  const idProblem = notGraphql(node.id)
  if (idProblem) {
    found.push(
      finding(
        'R-GRAPHQL-NAMES',
        nodePlace(node),
        `The id ${node.id} ${idProblem}, so peregrine cannot make it a GraphQL type.`,
        'letters, digits and underscores, not starting with a digit.',
        'loose'
      )
    )
  }
  for (const { link, pointer } of plainLinks(node.schema)) {
    for (const key of ['name', 'backref']) {
      const value = text(link[key])
      const problem = value === undefined ? undefined : notGraphql(value)
      if (value === undefined || !problem) continue
      found.push(
        finding(
          'R-GRAPHQL-NAMES',
          placeIn(node, child(pointer, key)),
          `The link ${key} ${value} ${problem}, so peregrine cannot make it a GraphQL field.`,
          'letters, digits and underscores, not starting with a digit.',
          'loose'
        )
      )
    }
  }
  return found
}

/** dictionaryutils schema_test: property names are GraphQL names. */
function checkPropertyNames(node: DictionaryNode): Finding[] {
  const { properties } = node.schema
  if (!isMapping(properties)) return []
  return Object.keys(properties)
    .filter((name) => /^[_a-zA-Z0-9]*$/.test(name) && !graphqlName.test(name))
    .map((name) =>
      finding(
        'R-GRAPHQL-PROP',
        placeIn(node, child('/properties', name)),
        `The property name ${name} of ${node.id} starts with a digit, which GraphQL does not allow.`,
        'a name that starts with a letter or an underscore.'
      )
    )
}

/** Names: of files, of nodes, of links, of properties. */
export function checkNames(dictionary: Dictionary): Finding[] {
  return [
    ...checkFileIds(dictionary),
    ...centreNodes(dictionary).flatMap((node) => [
      ...checkIdCase(node),
      ...checkIdLength(node),
      ...checkGraphqlNames(node)
    ]),
    ...resolvedNodes(dictionary).flatMap(checkPropertyNames)
  ]
}
