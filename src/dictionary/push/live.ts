import type { CompiledDictionary } from '../review/compiled.js'
import { isSchemaObject, nodeFilesOf } from '../review/compiled.js'

/** Where sheepdog serves the dictionary it loaded, behind the revproxy. */
export const liveDictionaryPath = '/api/v0/submission/_dictionary/_all'

/** Nodes dictionaryutils adds to every dictionary it loads. */
const builtInEntries = new Set(['root', 'data_release', 'metaschema'])

/**
 * How the dictionary sheepdog serves differs from the one pushed, in words;
 * empty when they are the same. Sheepdog's `_all` holds every node by id
 * (resolved) and every file of schema.json by name without `.yaml`,
 * `_settings` included (sheepdog views get_dictionary_entry), so the node
 * set and the settings with their commit stamp identify the version.
 */
export function differencesFromLive(
  pushed: CompiledDictionary,
  live: unknown
): string[] {
  if (!isSchemaObject(live)) return ['the answer is not a JSON object']

  const nodes = nodeFilesOf(pushed)
  const ids = new Set(nodes.map((node) => node.id))
  const known = new Set([
    ...ids,
    ...builtInEntries,
    ...Object.keys(pushed).map((file) => file.replace(/\.yaml$/, ''))
  ])

  const differences: string[] = []
  const missing = [...ids].filter((id) => !(id in live)).sort()
  if (missing.length > 0) {
    differences.push(`nodes missing: ${listed(missing)}`)
  }
  const unexpected = Object.keys(live)
    .filter((key) => !known.has(key))
    .sort()
  if (unexpected.length > 0) {
    differences.push(
      `nodes not in the pushed dictionary: ${listed(unexpected)}`
    )
  }
  if (
    '_settings' in live &&
    !sameJson(live._settings, pushed['_settings.yaml'])
  ) {
    differences.push(
      `_settings differ: ${JSON.stringify(live._settings)} is served, ${JSON.stringify(pushed['_settings.yaml'] ?? null)} was pushed`
    )
  }
  return differences
}

function listed(names: string[]): string {
  return names.length > 8
    ? `${names.slice(0, 8).join(', ')} and ${names.length - 8} more`
    : names.join(', ')
}

function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b)
}

function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, inner: unknown) =>
    isSchemaObject(inner)
      ? Object.fromEntries(
          Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        )
      : inner
  )
}
