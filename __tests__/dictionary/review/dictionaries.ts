import { readFileSync } from 'node:fs'

import type { CompiledDictionary } from '../../../src/dictionary/review/compiled.js'
import { fixture } from '../../fixtures/shared.js'

/** A node file of a compiled dictionary, typed for tests that edit it. */
export interface NodeYaml {
  id: string
  properties: Record<string, Record<string, unknown>>
  required: string[]
  links: Record<string, unknown>[]
  [keyword: string]: unknown
}

export type Editable = Record<string, unknown>

const parsed = new Map<string, Editable>()

/** A fresh copy of a real dictionary's reference compiled output. */
export function compiled(name: string): Editable {
  let dictionary = parsed.get(name)
  if (!dictionary) {
    const file = fixture('dictionaries', `${name}.json`)
    dictionary = JSON.parse(readFileSync(file, 'utf8')) as Editable
    parsed.set(name, dictionary)
  }
  return structuredClone(dictionary)
}

/** gdcdictionary, the compose-services default, and a copy edited by `edit`. */
export function gdcAndEdited(edit: (head: Editable) => void): {
  base: CompiledDictionary
  head: CompiledDictionary
} {
  const base = compiled('gdcdictionary.compiled')
  const head = compiled('gdcdictionary.compiled')
  edit(head)
  return { base, head }
}

export function nodeIn(dictionary: Editable, file: string): NodeYaml {
  return dictionary[file] as NodeYaml
}
