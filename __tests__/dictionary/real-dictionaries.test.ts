import { readFileSync } from 'node:fs'

import { beforeAll, expect, it } from '@jest/globals'

import {
  checkDictionary,
  type DictionaryCheck
} from '../../src/dictionary/check.js'
import { compileDictionary } from '../../src/dictionary/compile.js'
import type { CompiledSchema } from '../../src/dictionary/types.js'
import { describeWithShared, fixture } from '../fixtures/shared.js'

/** The seven public Gen3 dictionaries of the shared fixtures, and the small one written beside them. */
const dictionaries = [
  'gdcdictionary',
  'kf-dictionary',
  'ndhdictionary',
  'anvil',
  'midrc',
  'umccr-beacon',
  'ardac',
  'tiny'
]

function reference(name: string): { text: string; schema: CompiledSchema } {
  const text = readFileSync(
    fixture('dictionaries', `${name}.compiled.json`),
    'utf8'
  )
  return { text, schema: JSON.parse(text) as CompiledSchema }
}

function withoutStamp(schema: CompiledSchema): Record<string, unknown> {
  const { _dict_commit, _dict_version, ...settings } = schema['_settings.yaml']
  expect([typeof _dict_commit, typeof _dict_version]).toEqual([
    'string',
    'string'
  ])
  return { ...schema, '_settings.yaml': settings }
}

describeWithShared.each(dictionaries)('the real dictionary %s', (name) => {
  let check: DictionaryCheck

  beforeAll(async () => {
    check = await checkDictionary(fixture('dictionaries', name), {
      strict: false
    })
  })

  it('passes every check without an error', () => {
    expect(check.findings.filter((item) => item.severity === 'error')).toEqual(
      []
    )
    expect(check.errors).toBe(0)
  })

  it("compiles to the reference tool's schema.json, the stamp aside", () => {
    expect(withoutStamp(check.compiled.schema)).toEqual(
      withoutStamp(reference(name).schema)
    )
  })

  it('compiles to the very same bytes when stamped alike', () => {
    const { text, schema } = reference(name)
    const settings = schema['_settings.yaml']
    const compiled = compileDictionary(check.dictionary, {
      commit: settings._dict_commit,
      version: settings._dict_version
    })

    expect(compiled.json === text).toBe(true)
  })
})
