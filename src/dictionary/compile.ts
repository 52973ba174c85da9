import { createHash } from 'node:crypto'

import type { Dictionary } from './load.js'
import { isMapping } from './pointer.js'
import { pythonJsonObject } from './schema-json.js'
import type { CompiledSchema, Settings } from './types.js'

/** What `_settings.yaml` is stamped with: the dictionary's commit and version. */
export interface Stamp {
  /** `git rev-parse HEAD` in the dictionary's checkout. */
  commit: string
  /** `git describe --always --tags` there. */
  version: string
}

/** The stamp when the dictionary is not in a git checkout. */
export const unknownStamp: Stamp = { commit: 'unknown', version: 'unknown' }

export interface CompiledDictionary {
  schema: CompiledSchema
  /** schema.json as the services download it. */
  json: string
  /** SHA-256 of `json`, hex. */
  sha256: string
}

function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy)
  if (isMapping(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, copy(item)])
    )
  }
  return value
}

/**
 * schema.json in dictionaryutils' layout (dump_schemas_from_dir): one key
 * per top-level `.yaml` file, named with its extension, holding the file's
 * data with every `$ref` as written; `_settings.yaml` gets the stamp. Keys
 * are in file-name order; within a file, YAML order is kept, except that
 * JavaScript puts keys that look like array indices ("12") first.
 */
export function compileDictionary(
  dictionary: Dictionary,
  stamp: Stamp
): CompiledDictionary {
  const contents = new Map<string, unknown>()
  for (const [name, file] of dictionary.files) {
    contents.set(name, copy(file.content))
  }

  const settingsFile = contents.get('_settings.yaml')
  const settings: Settings = {
    ...(isMapping(settingsFile) ? settingsFile : {}),
    _dict_commit: stamp.commit,
    _dict_version: stamp.version
  }
  contents.set('_settings.yaml', settings)

  const schema = Object.fromEntries(
    [...contents.keys()].sort().map((name) => [name, contents.get(name)])
  ) as CompiledSchema

  const json = pythonJsonObject(
    Object.entries(schema).map(([name, content]) => [
      name,
      content,
      dictionary.files.get(name)?.floats
    ])
  )
  return {
    schema,
    json,
    sha256: createHash('sha256').update(json).digest('hex')
  }
}
