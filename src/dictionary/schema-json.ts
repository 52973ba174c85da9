import { child, isMapping } from './pointer.js'
import { pythonFloat } from './yaml11.js'

/**
 * JSON text as Python's `json.dump` writes it with its defaults, which is
 * how dictionaryutils writes schema.json: `", "` and `": "` separators, every
 * character outside printable ASCII escaped as \uXXXX, floats in repr form
 * (1.0 stays 1.0). The same dictionary thus compiles to the same bytes.
 */
export function pythonJson(
  value: unknown,
  floats: ReadonlySet<string> = new Set()
): string {
  const parts: string[] = []
  write(value, floats.size > 0 ? '' : undefined, floats, parts)
  return parts.join('')
}

/** An object of several values, each with its own float pointers. */
export function pythonJsonObject(
  entries: readonly [string, unknown, ReadonlySet<string> | undefined][]
): string {
  const members = entries.map(
    ([key, value, floats]) => `${quote(key)}: ${pythonJson(value, floats)}`
  )
  return `{${members.join(', ')}}`
}

/** `pointer` is followed only while some float needs it: building it costs. */
function write(
  value: unknown,
  pointer: string | undefined,
  floats: ReadonlySet<string>,
  parts: string[]
): void {
  if (value === null || value === undefined) {
    parts.push('null')
  } else if (typeof value === 'string') {
    parts.push(quote(value))
  } else if (typeof value === 'boolean') {
    parts.push(value ? 'true' : 'false')
  } else if (typeof value === 'number') {
    parts.push(
      (pointer !== undefined && floats.has(pointer)) || !Number.isFinite(value)
        ? pythonFloat(value)
        : String(value === 0 ? 0 : value)
    )
  } else if (Array.isArray(value)) {
    parts.push('[')
    value.forEach((item: unknown, index) => {
      if (index > 0) parts.push(', ')
      write(
        item,
        pointer === undefined ? undefined : child(pointer, index),
        floats,
        parts
      )
    })
    parts.push(']')
  } else if (isMapping(value)) {
    parts.push('{')
    let first = true
    for (const [key, item] of Object.entries(value)) {
      if (!first) parts.push(', ')
      first = false
      parts.push(quote(key), ': ')
      write(
        item,
        pointer === undefined ? undefined : child(pointer, key),
        floats,
        parts
      )
    }
    parts.push('}')
  } else {
    throw new TypeError(`schema.json cannot hold a ${typeof value}`)
  }
}

const escapes: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f'
}

function quote(text: string): string {
  // eslint-disable-next-line no-control-regex
  const escaped = text.replace(/["\\\u0000-\u001f\u007f-\uffff]/g, (char) => {
    const known = escapes[char]
    if (known !== undefined) return known
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
  })
  return `"${escaped}"`
}
