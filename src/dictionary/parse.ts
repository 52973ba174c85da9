import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node as YamlNode,
  parseDocument,
  type Scalar as YamlScalar
} from 'yaml'

import { finding, type Finding } from './findings.js'
import { child } from './pointer.js'
import { keyText, resolvePlain, resolveTagged, surprise } from './yaml11.js'
import type { Scalar } from './yaml11.js'

export interface Position {
  line: number
  column: number
}

/** One top-level YAML file, read as Gen3's tools read it. */
export interface ParsedFile {
  name: string
  /** The data, as PyYAML's safe_load gives it (null for an empty file). */
  content: unknown
  /** Where each value is written, by JSON pointer; a mapping entry is placed at its key. */
  positions: Map<string, Position>
  /** Pointers of values YAML made floats, so that 1.0 compiles as 1.0. */
  floats: Set<string>
  findings: Finding[]
  /** False when the file could not be read at all: it takes no further part. */
  readable: boolean
}

/** The file cannot be read as PyYAML would; stops the walk. */
class Unreadable extends Error {
  constructor(
    readonly reason: string,
    readonly position: Position | undefined
  ) {
    super(reason)
  }
}

interface Entry {
  key: string
  value: YamlNode | null
  at: Position | undefined
}

function isMergeKey(node: YamlNode | null): boolean {
  return (
    isScalar(node) &&
    node.type === 'PLAIN' &&
    node.tag === undefined &&
    node.value === '<<'
  )
}

/** Guards against alias bombs: far more values than any dictionary holds. */
const maximumValues = 2_000_000

class Walk {
  readonly positions = new Map<string, Position>()
  readonly floats = new Set<string>()
  readonly findings: Finding[] = []
  private readonly ancestors = new Set<YamlNode>()
  private values = 0

  constructor(
    private readonly name: string,
    private readonly document: Document,
    private readonly lines: LineCounter
  ) {}

  position(node: YamlNode | null | undefined): Position | undefined {
    const offset = node?.range?.[0]
    if (offset === undefined) return undefined
    const { line, col } = this.lines.linePos(offset)
    return { line, column: col }
  }

  place(position: Position | undefined) {
    return position
      ? { file: this.name, line: position.line, column: position.column }
      : { file: this.name }
  }

  value(
    node: YamlNode | null | undefined,
    pointer: string,
    at: Position | undefined
  ): unknown {
    if (at) this.positions.set(pointer, at)
    if (++this.values > maximumValues) {
      throw new Unreadable(
        `expands to more than ${maximumValues} values through aliases`,
        at
      )
    }
    if (node === null || node === undefined) return null

    if (isAlias(node)) {
      const target = node.resolve(this.document)
      if (!target) {
        throw new Unreadable(
          `the alias *${node.source} names no anchor`,
          this.position(node)
        )
      }
      if (this.ancestors.has(target)) {
        throw new Unreadable(
          `the alias *${node.source} contains itself, which JSON cannot hold`,
          this.position(node)
        )
      }
      return this.value(target, pointer, undefined)
    }

    if (isScalar(node)) return this.scalar(node, pointer, at)

    this.ancestors.add(node)
    try {
      if (isSeq(node)) {
        return node.items.map((item, index) =>
          this.value(
            item as YamlNode | null,
            child(pointer, index),
            this.position(item as YamlNode | null)
          )
        )
      }
      if (isMap(node)) return this.mapping(node.items, pointer)
    } finally {
      this.ancestors.delete(node)
    }
    throw new Unreadable('holds a value of an unknown kind', at)
  }

  scalar(node: YamlScalar, pointer: string, at: Position | undefined) {
    const text = String(node.value)
    const resolved = this.resolve(node)

    if (resolved.tag === 'float') this.floats.add(pointer)
    if (resolved.tag === 'timestamp') {
      this.findings.push(
        finding(
          'R-JSON-SAFE',
          this.place(at ?? this.position(node)),
          `${text} is read by YAML 1.1 as a date, which schema.json cannot hold.`,
          `text in quotes: '${text}'.`
        )
      )
    }
    if (
      resolved.tag === 'float' &&
      (Number.isNaN(resolved.value) || !Number.isFinite(resolved.value))
    ) {
      this.findings.push(
        finding(
          'R-JSON-SAFE',
          this.place(at ?? this.position(node)),
          `${text} is read as the number ${resolved.value}, which JSON cannot hold.`,
          `a finite number, or text in quotes: '${text}'.`
        )
      )
    }
    if (node.type === 'PLAIN' && node.tag === undefined) {
      const reading = surprise(text, resolved)
      if (reading) {
        this.findings.push(
          finding(
            'R-YAML-IMPLICIT-TYPE',
            this.place(at ?? this.position(node)),
            `The unquoted value ${text} is read by YAML 1.1 as ${reading}.`,
            resolved.tag === 'str'
              ? `quotes if you mean the text ('${text}'); for the number, ${pythonNumber(text)}.`
              : `quotes if you mean the text ('${text}'), otherwise the plain form (${plainForm(resolved)}).`,
            'advice'
          )
        )
      }
    }
    return resolved.value
  }

  resolve(node: YamlScalar): Scalar {
    const text = String(node.value)
    if (node.tag !== undefined) {
      const tagged = resolveTagged(node.tag, text)
      if (!tagged) {
        throw new Unreadable(
          `the tag ${node.tag} cannot be read by Gen3's YAML loader for the value ${text}`,
          this.position(node)
        )
      }
      return tagged
    }
    if (node.type === 'PLAIN') return resolvePlain(text)
    return { tag: 'str', value: text }
  }

  /** The entries of a mapping as PyYAML builds them: merged entries first, then its own, the last of a repeated key winning. */
  mapping(items: readonly unknown[], pointer: string) {
    const entries = new Map<string, Entry>()
    const own: Entry[] = []

    for (const item of items) {
      const pair = item as { key: YamlNode | null; value: YamlNode | null }
      if (isMergeKey(pair.key)) {
        for (const merged of this.merges(pair.value)) {
          entries.set(merged.key, merged)
        }
        continue
      }
      const at = this.position(pair.key) ?? this.position(pair.value)
      own.push({ key: this.key(pair.key, at), value: pair.value, at })
    }

    const seen = new Map<string, Position | undefined>()
    for (const entry of own) {
      if (seen.has(entry.key)) {
        const first = seen.get(entry.key)
        this.findings.push(
          finding(
            'R-YAML-DUPLICATE-KEY',
            this.place(entry.at),
            `The key ${entry.key} appears again here${first ? ` (first on line ${first.line})` : ''}; Gen3 keeps only this last value and drops the first.`,
            'each key once in a mapping: merge the two entries or delete one.',
            'loose'
          )
        )
      }
      seen.set(entry.key, entry.at)
      entries.set(entry.key, entry)
    }

    const result: Record<string, unknown> = {}
    for (const [key, entry] of entries) {
      result[key] = this.value(entry.value, child(pointer, key), entry.at)
    }
    return result
  }

  /** The entries a `<<` merge key brings, earlier mappings of a list winning. */
  merges(node: YamlNode | null): Entry[] {
    const target = isAlias(node) ? node.resolve(this.document) : node
    const sources = isSeq(target)
      ? target.items.map((item) =>
          isAlias(item) ? item.resolve(this.document) : (item as YamlNode)
        )
      : [target]

    const merged = new Map<string, Entry>()
    for (const source of sources.reverse()) {
      if (!isMap(source)) {
        throw new Unreadable(
          'a << merge key must name a mapping or a list of mappings',
          this.position(node)
        )
      }
      for (const item of source.items) {
        const pair = item as { key: YamlNode | null; value: YamlNode | null }
        if (isMergeKey(pair.key)) {
          for (const entry of this.merges(pair.value)) {
            merged.set(entry.key, entry)
          }
          continue
        }
        const key = this.key(pair.key)
        merged.set(key, { key, value: pair.value, at: this.position(pair.key) })
      }
    }
    return [...merged.values()]
  }

  key(node: YamlNode | null, near?: Position): string {
    if (node === null) {
      this.findings.push(
        finding(
          'R-YAML-KEY-TYPE',
          this.place(near),
          "A mapping entry has no key (nothing before its colon), which YAML 1.1 reads as null; Gen3's loader fails on it.",
          'a key before the colon.'
        )
      )
      return 'null'
    }
    const target = isAlias(node) ? node.resolve(this.document) : node
    if (!isScalar(target)) {
      throw new Unreadable(
        'a mapping key is itself a list or mapping, which Gen3 cannot read',
        this.position(node)
      )
    }
    const text = String(target.value)
    const resolved = this.resolve(target)
    if (resolved.tag === 'str') return text

    const key = keyText(resolved, text)
    if (resolved.tag === 'timestamp') {
      this.findings.push(
        finding(
          'R-JSON-SAFE',
          this.place(this.position(node)),
          `The key ${text} is read by YAML 1.1 as a date, which schema.json cannot hold.`,
          `the key in quotes: '${text}'.`
        )
      )
    } else {
      this.findings.push(
        finding(
          'R-YAML-KEY-TYPE',
          this.place(this.position(node)),
          `The key ${text} is read by YAML 1.1 as ${describeScalar(resolved)}, not text; Gen3's loader fails on it.`,
          `the key in quotes: '${text}'.`
        )
      )
    }
    return key
  }
}

function describeScalar(scalar: Scalar): string {
  switch (scalar.tag) {
    case 'null':
      return 'null'
    case 'bool':
      return `the boolean ${scalar.value}`
    default:
      return `the number ${String(scalar.value)}`
  }
}

/** How to write a number PyYAML reads as text (it needs a dot and a signed exponent). */
function pythonNumber(text: string): string {
  const value = Number(text)
  return Number.isInteger(value) && Math.abs(value) < 1e15
    ? `write ${value}`
    : `write it with a dot and a signed exponent, such as 1.0e+5`
}

function plainForm(scalar: Scalar): string {
  return scalar.tag === 'str' ? scalar.value : String(scalar.value)
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+.*$/, '')
}

function unreadable(
  name: string,
  reason: string,
  position: Position | undefined
): ParsedFile {
  return {
    name,
    content: null,
    positions: new Map(),
    floats: new Set(),
    findings: [
      finding(
        'R-YAML-PARSE',
        position
          ? { file: name, line: position.line, column: position.column }
          : { file: name },
        `${name} cannot be read as YAML: ${reason}.`,
        'YAML 1.1 that PyYAML reads: spaces (not tabs) for indentation, one document, plain keys, UTF-8.'
      )
    ],
    readable: false
  }
}

/** Reads one dictionary file as PyYAML's safe_load would, remembering where every value is. */
export function parseDictionaryFile(name: string, text: string): ParsedFile {
  const lines = new LineCounter()
  const document = parseDocument(text, {
    version: '1.1',
    schema: 'failsafe',
    uniqueKeys: false,
    lineCounter: lines,
    prettyErrors: true
  })

  const [error] = document.errors
  if (error) {
    const [at] = error.linePos ?? []
    return unreadable(
      name,
      firstLine(error.message),
      at && { line: at.line, column: at.col }
    )
  }

  const walk = new Walk(name, document, lines)
  try {
    const contents = document.contents
    const content = walk.value(contents, '', walk.position(contents))
    return {
      name,
      content,
      positions: walk.positions,
      floats: walk.floats,
      findings: walk.findings,
      readable: true
    }
  } catch (failure) {
    if (failure instanceof Unreadable) {
      return unreadable(name, failure.reason, failure.position)
    }
    throw failure
  }
}

/** Reads bytes as UTF-8, as Gen3's loader opens files; undefined when they are not. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return undefined
  }
}
