import type { Finding } from './finding.js'
import { YamlSource } from './source.js'

/** The kinds of index tube builds (tube's etlMapping.yaml documentation). */
const mappingTypes = ['aggregator', 'collector']

/**
 * Checks etlMapping.yaml, which tube reads to build the explorer's
 * Elasticsearch indices: a list of mappings, each with a name, a doc_type,
 * a type and the root node it starts from.
 */
export function checkEtlMapping(file: string, text: string): Finding[] {
  const source = new YamlSource(file, text)
  if (!source.parsed) return source.findings

  const mappings = source.entry(source.root, 'mappings')
  const items = source.items(mappings?.value)
  if (!mappings || items === undefined) {
    source.error(
      mappings?.value ?? source.root,
      'etlMapping.yaml must have a mappings list'
    )
    return source.findings
  }

  for (const item of items) {
    const name = source.text(source.entry(item, 'name')?.value)
    if (!source.isMapping(item) || name === undefined) {
      source.error(item, 'a mapping needs a name, the index it builds')
      continue
    }
    for (const key of ['doc_type', 'root']) {
      if (source.text(source.entry(item, key)?.value) === undefined) {
        source.error(item, `mapping '${name}' needs a ${key}`)
      }
    }
    const type = source.entry(item, 'type')
    const value = source.text(type?.value)
    if (value === undefined || !mappingTypes.includes(value)) {
      source.error(
        type?.value ?? item,
        `mapping '${name}' needs a type of ${mappingTypes.join(' or ')}`
      )
    }
  }
  return source.findings
}
