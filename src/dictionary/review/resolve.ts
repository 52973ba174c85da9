import type { CompiledDictionary, SchemaObject } from './compiled.js'
import { isSchemaObject } from './compiled.js'

/**
 * Resolves `$ref`s over a compiled dictionary the way dictionaryutils does
 * when sheepdog loads it (DataDictionary.resolve_schema):
 * - every key that starts with `$ref` is a reference (kf-dictionary uses
 *   `$ref_ubiq`, `$ref_file` side by side);
 * - `file.yaml#/pointer` points into another file, `#/pointer` into the file
 *   being resolved;
 * - the referenced mapping is merged over the local one: its keys win, new
 *   keys come after the local ones;
 * - the referenced content is itself resolved against its own file.
 * A reference that does not resolve is dropped and noted in `problems`, so
 * that a broken base dictionary can still be compared.
 */
export interface Resolution {
  value: unknown
  problems: string[]
}

export function resolveFile(
  compiled: CompiledDictionary,
  file: string
): Resolution {
  const problems: string[] = []
  const value = resolveValue(compiled, compiled[file], file, [], problems)
  return { value, problems }
}

function resolveValue(
  compiled: CompiledDictionary,
  value: unknown,
  file: string,
  trail: readonly string[],
  problems: string[]
): unknown {
  if (Array.isArray(value)) {
    return value.map((item) =>
      resolveValue(compiled, item, file, trail, problems)
    )
  }
  if (!isSchemaObject(value)) return value

  const merged: Record<string, unknown> = {}
  const references: unknown[] = []
  for (const [key, child] of Object.entries(value)) {
    if (key.startsWith('$ref')) references.push(child)
    else merged[key] = child
  }
  for (const reference of references) {
    Object.assign(
      merged,
      follow(compiled, reference, file, trail, problems) ?? {}
    )
  }

  const resolved: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(merged)) {
    resolved[key] = resolveValue(compiled, child, file, trail, problems)
  }
  return resolved
}

function follow(
  compiled: CompiledDictionary,
  reference: unknown,
  file: string,
  trail: readonly string[],
  problems: string[]
): SchemaObject | undefined {
  if (typeof reference !== 'string' || !reference.includes('#')) {
    problems.push(
      `${file}: $ref ${JSON.stringify(reference)} is not "<file>#<pointer>"`
    )
    return undefined
  }

  const at = reference.indexOf('#')
  const targetFile = reference.slice(0, at) || file
  const pointer = reference.slice(at + 1)
  const key = `${targetFile}#${pointer}`
  if (trail.includes(key)) {
    problems.push(`${file}: $ref ${reference} refers to itself`)
    return undefined
  }
  if (!(targetFile in compiled)) {
    problems.push(`${file}: $ref ${reference} names no file of the dictionary`)
    return undefined
  }

  const target = pointAt(compiled[targetFile], pointer)
  if (!isSchemaObject(target)) {
    problems.push(`${file}: $ref ${reference} does not point at a mapping`)
    return undefined
  }
  const resolved = resolveValue(
    compiled,
    target,
    targetFile,
    [...trail, key],
    problems
  )
  return resolved as SchemaObject
}

/** A JSON pointer (RFC 6901), percent-decoded as jsonschema's resolver does. */
function pointAt(document: unknown, pointer: string): unknown {
  let path = pointer
  try {
    path = decodeURIComponent(pointer)
  } catch {
    // a lone % is taken literally, as no real dictionary escapes pointers
  }
  path = path.replace(/^\/+/, '')
  if (path === '') return document

  let here = document
  for (const raw of path.split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (Array.isArray(here) && /^\d+$/.test(token)) {
      here = here[Number(token)]
    } else if (isSchemaObject(here) && Object.hasOwn(here, token)) {
      here = here[token]
    } else {
      return undefined
    }
  }
  return here
}
