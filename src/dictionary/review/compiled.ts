/**
 * A compiled dictionary in the reference layout (schema.json): one key per
 * YAML file name, its parsed content as the value, every `$ref` kept.
 */
export type CompiledDictionary = Readonly<Record<string, unknown>>

export type SchemaObject = Readonly<Record<string, unknown>>

/** Files that are never nodes (dictionaryutils excludes them by name). */
export const specialFiles: ReadonlySet<string> = new Set([
  '_definitions.yaml',
  '_terms.yaml',
  '_settings.yaml',
  'metaschema.yaml'
])

export function isSchemaObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** One node of the dictionary: its id and the file it comes from. */
export interface NodeFile {
  id: string
  file: string
}

/**
 * The nodes of a compiled dictionary, by node id. A file without a string
 * `id` is named after the file, so that a broken base still compares.
 */
export function nodeFilesOf(compiled: CompiledDictionary): NodeFile[] {
  return Object.entries(compiled)
    .filter(
      ([file, content]) => !specialFiles.has(file) && isSchemaObject(content)
    )
    .map(([file, content]) => {
      const id = (content as SchemaObject).id
      return {
        id: typeof id === 'string' ? id : file.replace(/\.yaml$/, ''),
        file
      }
    })
}
