import { describe, expect, it } from '@jest/globals'

import {
  compileDictionary,
  unknownStamp
} from '../../src/dictionary/compile.js'
import { loadDictionary } from '../../src/dictionary/load.js'
import { validateDictionary } from '../../src/dictionary/validate.js'
import { minimal } from './minimal.js'

/** Values of every other kind than the one expected, for any line. */
const odd = ['null', '[]', '{}', '5', '[1, {a: b}]', 'yes']

/** sample.yaml with one line's value replaced, for every line and every odd value. */
function variants(): { line: number; text: string }[] {
  const lines = (minimal['sample.yaml'] ?? '').split('\n')
  return lines.flatMap((line, index) => {
    const entry = /^(\s*(?:- )?[^:#]+:)/.exec(line)
    const item = /^(\s*- )/.exec(line)
    const prefix = entry?.[1] ?? item?.[1]
    if (prefix === undefined) return []
    return odd.map((value) => {
      const copy = [...lines]
      copy[index] = `${prefix} ${value}`
      return { line: index + 1, text: copy.join('\n') }
    })
  })
}

describe('a node of any shape', () => {
  it('is reported, never crashes the check or the compile', () => {
    const crashes: string[] = []
    for (const { line, text } of variants()) {
      try {
        const dictionary = loadDictionary({
          files: { ...minimal, 'sample.yaml': text }
        })
        validateDictionary(dictionary, { strict: true })
        compileDictionary(dictionary, unknownStamp)
      } catch (error) {
        crashes.push(`line ${line}: ${String(error)}`)
      }
    }

    expect(variants().length).toBeGreaterThan(200)
    expect(crashes).toEqual([])
  })
})
