import { finding, type Finding, type Place } from './findings.js'
import type { ParsedFile } from './parse.js'
import { child, isMapping, resolveFragment } from './pointer.js'
import { closest, suggestion } from './spelling.js'
import { kind as describe } from './wording.js'

/** Where a value of a resolved node is written. */
export interface Origin {
  file: string
  /** The value's pointer inside that file. */
  pointer: string
  line?: number
  column?: number
}

export interface Resolution {
  value: unknown
  /** Resolved pointer → where that value is written. */
  origins: Map<string, Origin>
  findings: Finding[]
}

/** The files a `$ref` may name: the dictionary's and the built-in nodes. */
export interface RefScope {
  files: ReadonlyMap<string, ParsedFile>
  /** Files that exist but could not be read: refs into them stay quiet. */
  unreadable: ReadonlySet<string>
  /** Files supplied by Gen3 itself, whose broken refs are the centre's _definitions.yaml's fault. */
  builtin: ReadonlySet<string>
}

interface Entry {
  value: unknown
  file: string
  pointer: string
  /** The refs followed to reach this value, to stop a ref that leads back to itself. */
  chain: readonly string[]
}

interface Target {
  value: Record<string, unknown>
  file: string
  pointer: string
}

const refPrefix = '$ref'

/**
 * Resolves a file's `$ref`s as dictionaryutils' DataDictionary does: every
 * key starting with `$ref` is replaced by the mapping it names, whose keys
 * win over the local ones (new keys come after them); refs in a referenced
 * fragment resolve against that fragment's file, `#/…` against the file a
 * value is written in.
 */
class Resolver {
  readonly origins = new Map<string, Origin>()
  readonly findings: Finding[] = []

  constructor(private readonly scope: RefScope) {}

  origin(file: string, pointer: string): Origin {
    const position = this.scope.files.get(file)?.positions.get(pointer)
    return position
      ? { file, pointer, line: position.line, column: position.column }
      : { file, pointer }
  }

  place(file: string, pointer: string): Place {
    const { line, column } = this.origin(file, pointer)
    return {
      file,
      ...(line !== undefined && { line }),
      ...(column !== undefined && { column })
    }
  }

  resolve(entry: Entry, out: string): unknown {
    this.origins.set(out, this.origin(entry.file, entry.pointer))
    const { value } = entry

    if (Array.isArray(value)) {
      return value.map((item: unknown, index) =>
        this.resolve(
          {
            ...entry,
            value: item,
            pointer: child(entry.pointer, index)
          },
          child(out, index)
        )
      )
    }
    if (!isMapping(value)) return value

    const result: Record<string, unknown> = {}
    for (const [key, merged] of this.entries(entry, value)) {
      result[key] = this.resolve(merged, child(out, key))
    }
    return result
  }

  entries(entry: Entry, mapping: Record<string, unknown>): Map<string, Entry> {
    const entries = new Map<string, Entry>()
    const refKeys: string[] = []

    for (const [key, value] of Object.entries(mapping)) {
      if (key.startsWith(refPrefix)) refKeys.push(key)
      else {
        entries.set(key, {
          value,
          file: entry.file,
          pointer: child(entry.pointer, key),
          chain: entry.chain
        })
      }
    }

    for (const key of refKeys) {
      const refPointer = child(entry.pointer, key)
      const target = this.follow(mapping[key], entry.file, refPointer)
      if (!target) continue

      const address = `${target.file}#${target.pointer}`
      if (entry.chain.includes(address)) {
        this.refFailure(
          entry.file,
          refPointer,
          'R-REF-POINTER',
          `The ${key} ${String(mapping[key])} leads back to itself, so it never resolves.`,
          'a reference to content that does not, through its own $refs, include this one.'
        )
        continue
      }
      const chained = { ...target, chain: [...entry.chain, address] }
      for (const [targetKey, merged] of this.entries(chained, target.value)) {
        entries.set(targetKey, merged)
      }
    }
    return entries
  }

  /** The mapping a `$ref` names, or undefined after reporting why there is none. */
  follow(ref: unknown, file: string, refPointer: string): Target | undefined {
    if (typeof ref !== 'string') {
      this.refFailure(
        file,
        refPointer,
        'R-REF-SYNTAX',
        `This $ref holds ${describe(ref)}, not text.`,
        'text naming a file and a path, such as _definitions.yaml#/UUID or #/properties/name.'
      )
      return undefined
    }
    const hash = ref.indexOf('#')
    if (hash < 0) {
      this.refFailure(
        file,
        refPointer,
        'R-REF-SYNTAX',
        `The $ref ${ref} has no '#', which Gen3's loader needs between the file and the path.`,
        `the file, '#', then a path inside it, such as ${ref}#/UUID.`
      )
      return undefined
    }

    const base = ref.slice(0, hash)
    const fragment = ref.slice(hash + 1)
    const targetFile = base === '' ? file : base
    const parsed = this.scope.files.get(targetFile)
    if (!parsed) {
      if (this.scope.unreadable.has(targetFile)) return undefined
      const names = [...this.scope.files.keys()].filter(
        (name) => !this.scope.builtin.has(name) || name === targetFile
      )
      this.refFailure(
        file,
        refPointer,
        'R-REF-FILE',
        `The $ref ${ref} names the file ${base}, which is not a top-level .yaml file of the dictionary${suggestion(base, names)}.`,
        'the exact name of a .yaml file directly in the dictionary folder, such as _definitions.yaml.'
      )
      return undefined
    }

    const found = resolveFragment(parsed.content, fragment)
    if (!found) {
      const missing = firstMissing(parsed.content, fragment)
      this.refFailure(
        file,
        refPointer,
        'R-REF-POINTER',
        `The $ref ${ref} names nothing: ${targetFile} has no entry ${missing.token}${missing.under ? ` under ${missing.under}` : ''}${suggestion(missing.token, missing.keys)}.`,
        `a path to a mapping in ${targetFile}, such as ${targetFile}#/${closest(missing.token, missing.keys) ?? firstMapping(parsed.content)}.`
      )
      return undefined
    }
    if (!isMapping(found.value)) {
      this.refFailure(
        file,
        refPointer,
        'R-REF-POINTER',
        `The $ref ${ref} names ${describe(found.value)}; only a mapping can be merged into the place of a $ref.`,
        'a path to a mapping (key: value entries).'
      )
      return undefined
    }
    return { value: found.value, file: targetFile, pointer: found.pointer }
  }

  refFailure(
    file: string,
    refPointer: string,
    rule: 'R-REF-SYNTAX' | 'R-REF-FILE' | 'R-REF-POINTER',
    message: string,
    expected: string
  ): void {
    if (this.scope.builtin.has(file)) {
      this.findings.push(
        builtinFailure(
          file,
          this.scope,
          this.ref(file, refPointer),
          rule === 'R-REF-POINTER' && message.includes('names nothing')
        )
      )
      return
    }
    this.findings.push(
      finding(rule, this.place(file, refPointer), message, expected)
    )
  }

  ref(file: string, refPointer: string): string {
    const content = this.scope.files.get(file)?.content
    const found = resolveFragment(content, refPointer)
    return typeof found?.value === 'string' ? found.value : ''
  }
}

/** Gen3's own data_release node failed to resolve: the centre's _definitions.yaml lacks what it needs. */
function builtinFailure(
  file: string,
  scope: RefScope,
  ref: string,
  missing: boolean
): Finding {
  const node = file.replace(/\.yaml$/, '')
  const expected =
    '_definitions.yaml with the entries UUID, datetime and to_one, as in the uc-cdis/datadictionary _definitions.yaml.'
  const definitions = scope.files.get('_definitions.yaml')
  if (!definitions) {
    if (scope.unreadable.has('_definitions.yaml')) {
      return finding(
        'R-BUILTIN-DEFS',
        { file: '_definitions.yaml' },
        `Gen3's built-in ${node} node cannot resolve ${ref} while _definitions.yaml cannot be read.`,
        expected
      )
    }
    return finding(
      'R-BUILTIN-DEFS',
      undefined,
      `The dictionary has no _definitions.yaml, which Gen3's built-in ${node} node needs.`,
      expected
    )
  }
  return finding(
    'R-BUILTIN-DEFS',
    { file: '_definitions.yaml', line: 1 },
    `Gen3's built-in ${node} node needs ${ref}, which _definitions.yaml does not define${missing ? '' : ' as a mapping'}.`,
    expected
  )
}

/** The first step of a fragment that names nothing, and the keys beside it to suggest a spelling. */
function firstMissing(
  content: unknown,
  fragment: string
): { token: string; under: string; keys: string[] } {
  const parts = fragment.split('/').filter(Boolean)
  const walked: string[] = []
  let value = content
  for (const part of parts) {
    if (!isMapping(value) || !Object.hasOwn(value, part)) {
      return {
        token: part,
        under: walked.join('.'),
        keys: isMapping(value) ? Object.keys(value) : []
      }
    }
    walked.push(part)
    value = value[part]
  }
  return { token: parts[parts.length - 1] ?? '', under: '', keys: [] }
}

function firstMapping(content: unknown): string {
  if (!isMapping(content)) return ''
  const found = Object.entries(content).find(([, value]) => isMapping(value))
  return found?.[0] ?? ''
}

/** A whole file with every `$ref` resolved; findings for the refs that do not resolve. */
export function resolveFile(file: ParsedFile, scope: RefScope): Resolution {
  const resolver = new Resolver(scope)
  const value = resolver.resolve(
    { value: file.content, file: file.name, pointer: '', chain: [] },
    ''
  )
  return { value, origins: resolver.origins, findings: resolver.findings }
}
