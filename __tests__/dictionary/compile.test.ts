import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterEach, describe, expect, it } from '@jest/globals'

import {
  compileDictionary,
  unknownStamp
} from '../../src/dictionary/compile.js'
import { loadDictionary } from '../../src/dictionary/load.js'
import { pythonJson } from '../../src/dictionary/schema-json.js'
import { readStamp } from '../../src/dictionary/stamp.js'
import { pythonFloat } from '../../src/dictionary/yaml11.js'
import { minimal, withFiles } from './minimal.js'

const stamp = { commit: 'a'.repeat(40), version: '2.0.4-3-gaaaaaaa' }

describe('compiling schema.json (dictionaryutils dump_schemas_from_dir)', () => {
  it('has a key per file name with its data, $refs kept, in file-name order', () => {
    const { schema } = compileDictionary(
      loadDictionary({ files: { ...minimal } }),
      stamp
    )

    expect(Object.keys(schema)).toEqual([
      '_definitions.yaml',
      '_settings.yaml',
      '_terms.yaml',
      'program.yaml',
      'project.yaml',
      'sample.yaml',
      'subject.yaml'
    ])
    expect(
      (schema['sample.yaml'] as { properties: unknown }).properties
    ).toEqual({
      $ref: '_definitions.yaml#/ubiquitous_properties',
      sample_type: {
        term: { $ref: '_terms.yaml#/sample_type' },
        enum: ['Blood', 'Tissue']
      },
      subjects: { $ref: '_definitions.yaml#/to_one' }
    })
  })

  it('stamps _settings.yaml with the commit and version after its own settings', () => {
    const { schema } = compileDictionary(
      loadDictionary({ files: { ...minimal } }),
      stamp
    )

    expect(schema['_settings.yaml']).toEqual({
      enable_case_cache: false,
      _dict_commit: stamp.commit,
      _dict_version: stamp.version
    })
  })

  it('adds _settings.yaml when the dictionary has none', () => {
    const { schema } = compileDictionary(
      loadDictionary({ files: withFiles({ '_settings.yaml': undefined }) }),
      stamp
    )

    expect(schema['_settings.yaml']).toEqual({
      _dict_commit: stamp.commit,
      _dict_version: stamp.version
    })
  })

  it("writes Python's json.dump format and hashes exactly that text", () => {
    const compiled = compileDictionary(
      loadDictionary({ files: { ...minimal } }),
      stamp
    )

    expect(compiled.json).toMatch(
      /^\{"_definitions\.yaml": \{"id": "_definitions", "UUID": \{"term": \{"\$ref": "_terms\.yaml#\/UUID"\}, "type": "string"/
    )
    expect(compiled.json.endsWith('}}')).toBe(true)
    expect(compiled.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(
      compileDictionary(loadDictionary({ files: { ...minimal } }), stamp).sha256
    ).toBe(compiled.sha256)
  })

  it('changes the checksum when the dictionary changes', () => {
    const before = compileDictionary(
      loadDictionary({ files: { ...minimal } }),
      stamp
    )
    const after = compileDictionary(
      loadDictionary({
        files: withFiles({
          '_terms.yaml': `${minimal['_terms.yaml'] ?? ''}x: {}\n`
        })
      }),
      stamp
    )

    expect(after.sha256).not.toBe(before.sha256)
  })
})

describe("Python's json format", () => {
  it('escapes everything outside printable ASCII as \\uXXXX', () => {
    expect(pythonJson({ a: 'é\u00a0"\\\n\t😀\u007f' })).toBe(
      '{"a": "\\u00e9\\u00a0\\"\\\\\\n\\t\\ud83d\\ude00\\u007f"}'
    )
  })

  it('writes lists and nested mappings with ", " and ": "', () => {
    expect(pythonJson({ a: [1, true, null], b: {} })).toBe(
      '{"a": [1, true, null], "b": {}}'
    )
  })

  it('writes floats as Python repr does', () => {
    expect(
      [1, 0.5, 1e16, 1.5e-7, 123456.789, 0.0001, -2, 1e22].map(pythonFloat)
    ).toEqual([
      '1.0',
      '0.5',
      '1e+16',
      '1.5e-07',
      '123456.789',
      '0.0001',
      '-2.0',
      '1e+22'
    ])
  })

  it('writes a float only where YAML read one', () => {
    expect(pythonJson({ a: 1, b: 1 }, new Set(['/b']))).toBe(
      '{"a": 1, "b": 1.0}'
    )
  })
})

describe('the stamp', () => {
  let dir: string | undefined

  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
    dir = undefined
  })

  function git(...args: string[]): string {
    return execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim()
  }

  it("is the checkout's commit and git describe --always --tags", async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dictionary-'))
    git('init', '-q')
    writeFileSync(path.join(dir, 'program.yaml'), 'id: program\n')
    git('add', '.')
    git(
      '-c',
      'user.name=t',
      '-c',
      'user.email=t@example.org',
      'commit',
      '-q',
      '-m',
      'first'
    )
    git('tag', '1.2.3')

    expect(await readStamp(dir)).toEqual({
      commit: git('rev-parse', 'HEAD'),
      version: '1.2.3'
    })
  })

  it('is unknown outside a git checkout', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dictionary-'))

    expect(await readStamp(dir)).toEqual(unknownStamp)
    expect(unknownStamp).toEqual({ commit: 'unknown', version: 'unknown' })
  })
})
