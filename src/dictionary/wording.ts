import { isMapping } from './pointer.js'

/** A value as a message shows it: text in quotes, lists and mappings in short. */
export function show(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'string') return `'${value}'`
  if (Array.isArray(value)) {
    const shown = value.slice(0, 6).map(show).join(', ')
    return `[${shown}${value.length > 6 ? ', …' : ''}]`
  }
  if (isMapping(value)) return 'a mapping'
  return scalarText(value)
}

/** A number or boolean as text. */
export function scalarText(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value)
  }
  // undefined for functions and symbols, which parsed YAML never holds
  const json = JSON.stringify(value) as string | undefined
  return json ?? typeof value
}

/** What kind of value it is, for "is X, not Y" messages. */
export function kind(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (isMapping(value)) return 'a mapping'
  if (typeof value === 'string') return `the text ${show(value)}`
  return `the ${typeof value} ${scalarText(value)}`
}

/** `a, b and c`. */
export function names(items: readonly string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`
}

/** `a, b or c`. */
export function choices(items: readonly string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}
