/**
 * JSON pointers (RFC 6901) name every value of a dictionary file, so that a
 * finding about any value can be placed on its file and line.
 */

export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1')
}

export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~')
}

/** The pointer of a child: `child('/links', 0)` is `/links/0`. */
export function child(pointer: string, token: string | number): string {
  return `${pointer}/${escapeToken(String(token))}`
}

export function join(...tokens: (string | number)[]): string {
  return tokens.reduce<string>((pointer, token) => child(pointer, token), '')
}

export function tokens(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map(unescapeToken)
}

/** The pointer one level up, or undefined for the root. */
export function parent(pointer: string): string | undefined {
  if (pointer === '') return undefined
  return pointer.slice(0, pointer.lastIndexOf('/'))
}

/** Dotted form for messages: `/properties/age/type` reads `properties.age.type`. */
export function dotted(pointer: string): string {
  return tokens(pointer).join('.')
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The value a `$ref` fragment names, read the way Python's jsonschema
 * RefResolver does: leading slashes dropped, percent-decoded, `~1`/`~0`
 * unescaped, list items by index. Undefined when it names nothing.
 */
export function resolveFragment(
  document: unknown,
  fragment: string
): { value: unknown; pointer: string } | undefined {
  const stripped = fragment.replace(/^\/+/, '')
  let decoded: string
  try {
    decoded = decodeURIComponent(stripped)
  } catch {
    decoded = stripped
  }
  const parts = decoded === '' ? [] : decoded.split('/').map(unescapeToken)

  let value = document
  let pointer = ''
  for (const part of parts) {
    if (Array.isArray(value)) {
      if (!/^-?\d+$/.test(part)) return undefined
      const index = Number(part)
      if (index < 0 || index >= value.length) return undefined
      value = value[index] as unknown
    } else if (isMapping(value) && Object.hasOwn(value, part)) {
      value = value[part]
    } else {
      return undefined
    }
    pointer = child(pointer, part)
  }
  return { value, pointer }
}
