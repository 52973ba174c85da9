import { describe, expect, it } from '@jest/globals'

import { compileDictionary } from '../../src/dictionary/compile.js'
import { loadDictionary } from '../../src/dictionary/load.js'
import { parseDictionaryFile } from '../../src/dictionary/parse.js'
import { checkRule, edited, minimal, withFiles } from './minimal.js'

function read(text: string) {
  return parseDictionaryFile('notes.yaml', text)
}

const stamp = { commit: 'c0ffee', version: '1.0.0' }

describe('reading YAML as Gen3 does (PyYAML safe_load, YAML 1.1)', () => {
  it('R-YAML-IMPLICIT-TYPE: reads unquoted yes, no, on and off in any of their cases as booleans, with a warning', () => {
    const file = read('a: yes\nb: No\nc: ON\nd: off\n')

    expect(file.content).toEqual({ a: true, b: false, c: true, d: false })
    expect(
      file.findings.map((item) => [item.rule, item.place?.line, item.message])
    ).toEqual([
      [
        'R-YAML-IMPLICIT-TYPE',
        1,
        'The unquoted value yes is read by YAML 1.1 as the boolean true.'
      ],
      [
        'R-YAML-IMPLICIT-TYPE',
        2,
        'The unquoted value No is read by YAML 1.1 as the boolean false.'
      ],
      [
        'R-YAML-IMPLICIT-TYPE',
        3,
        'The unquoted value ON is read by YAML 1.1 as the boolean true.'
      ],
      [
        'R-YAML-IMPLICIT-TYPE',
        4,
        'The unquoted value off is read by YAML 1.1 as the boolean false.'
      ]
    ])
    expect(file.findings[0]?.expected).toBe(
      "quotes if you mean the text ('yes'), otherwise the plain form (true)."
    )
  })

  it('keeps y and n as text, as PyYAML does', () => {
    const file = read('a: y\nb: n\nc: Y\n')

    expect(file.content).toEqual({ a: 'y', b: 'n', c: 'Y' })
    expect(file.findings).toEqual([])
  })

  it('reads true and false as booleans without a warning', () => {
    const file = read('a: true\nb: False\n')

    expect(file.content).toEqual({ a: true, b: false })
    expect(file.findings).toEqual([])
  })

  it('keeps quoted yes and no as text', () => {
    expect(read('a: "Yes"\nb: \'No\'\n').content).toEqual({ a: 'Yes', b: 'No' })
  })

  it('turns an unquoted Yes/No enum into booleans, which fails as an enum of text', () => {
    const found = checkRule(
      'R-ENUM-STRINGS',
      edited(
        'sample.yaml',
        '      - Blood\n      - Tissue\n',
        '      - Yes\n      - No\n'
      )
    )

    expect(found).toEqual([
      {
        rule: 'R-ENUM-STRINGS',
        severity: 'error',
        file: 'sample.yaml',
        line: 37,
        message:
          'The enum of sample_type in sample holds true and false, not text: YAML 1.1 reads unquoted Yes, No, On and Off as booleans.',
        expected: 'every value in quotes, such as "Yes" and "No".'
      }
    ])
  })

  it('R-YAML-DUPLICATE-KEY: keeps the last value of a repeated key and warns at the repeat', () => {
    const file = read('title: Sample\nid: sample\ntitle: Specimen\n')

    expect(file.content).toEqual({ title: 'Specimen', id: 'sample' })
    expect(file.findings).toEqual([
      {
        rule: 'R-YAML-DUPLICATE-KEY',
        strictness: 'loose',
        place: { file: 'notes.yaml', line: 3, column: 1 },
        message:
          'The key title appears again here (first on line 1); Gen3 keeps only this last value and drops the first.',
        expected:
          'each key once in a mapping: merge the two entries or delete one.'
      }
    ])
    expect(file.positions.get('/title')).toEqual({ line: 3, column: 1 })
  })

  it('makes a repeated key an error with strict', () => {
    const files = edited(
      'sample.yaml',
      'title: Sample\n',
      'title: Sample\ntitle: Specimen\n'
    )

    expect(
      checkRule('R-YAML-DUPLICATE-KEY', files).map((item) => item.severity)
    ).toEqual(['warning'])
    expect(
      checkRule('R-YAML-DUPLICATE-KEY', files, { strict: true }).map(
        (item) => item.severity
      )
    ).toEqual(['error'])
  })

  it('applies only the last of two $ref keys in one mapping', () => {
    const dictionary = loadDictionary({
      files: edited(
        'subject.yaml',
        '  $ref: "_definitions.yaml#/ubiquitous_properties"\n',
        '  $ref: "_definitions.yaml#/ubiquitous_properties"\n  $ref: "_definitions.yaml#/foreign_key/properties"\n'
      )
    })
    const properties = dictionary.nodes.get('subject')?.schema
      .properties as Record<string, unknown>

    expect(Object.keys(properties)).toEqual([
      'age_at_enrollment',
      'projects',
      'id',
      'submitter_id'
    ])
  })

  it('refuses an unquoted date, saying to quote it', () => {
    const file = read('released: 2020-01-31\nquoted: "2020-01-31"\n')

    expect(file.content).toEqual({
      released: '2020-01-31',
      quoted: '2020-01-31'
    })
    expect(file.findings).toEqual([
      {
        rule: 'R-JSON-SAFE',
        strictness: 'fails',
        place: { file: 'notes.yaml', line: 1, column: 1 },
        message:
          '2020-01-31 is read by YAML 1.1 as a date, which schema.json cannot hold.',
        expected: "text in quotes: '2020-01-31'."
      }
    ])
  })

  it('refuses an unquoted timestamp too', () => {
    const file = read('at: 2020-01-31T10:00:00Z\n')

    expect(file.findings.map((item) => [item.rule, item.message])).toEqual([
      [
        'R-JSON-SAFE',
        '2020-01-31T10:00:00Z is read by YAML 1.1 as a date, which schema.json cannot hold.'
      ]
    ])
  })

  it('reads 012 as octal, 0x1F as hexadecimal, 1_000 and 1:30 as numbers', () => {
    const file = read('a: 012\nb: 0x1F\nc: 1_000\nd: 1:30\ne: 0o12\nf: 09\n')

    expect(file.content).toEqual({
      a: 10,
      b: 31,
      c: 1000,
      d: 90,
      e: '0o12',
      f: '09'
    })
    expect(
      file.findings.map((item) => [item.place?.line, item.message])
    ).toEqual([
      [1, 'The unquoted value 012 is read by YAML 1.1 as the number 10.'],
      [3, 'The unquoted value 1_000 is read by YAML 1.1 as the number 1000.'],
      [4, 'The unquoted value 1:30 is read by YAML 1.1 as the number 90.'],
      [6, 'The unquoted value 09 is read by YAML 1.1 as text, not a number.']
    ])
  })

  it('reads 1e5 as text, since YAML 1.1 floats need a dot and a signed exponent', () => {
    const file = read('a: 1e5\nb: 1.0e+5\nc: 1.5\n')

    expect(file.content).toEqual({ a: '1e5', b: 100000, c: 1.5 })
    expect(file.findings.map((item) => [item.message, item.expected])).toEqual([
      [
        'The unquoted value 1e5 is read by YAML 1.1 as text, not a number.',
        "quotes if you mean the text ('1e5'); for the number, write 100000."
      ]
    ])
  })

  it('refuses .inf and .nan, which JSON cannot hold', () => {
    const file = read('a: .inf\nb: -.Inf\nc: .NaN\n')

    expect(
      file.findings.map((item) => [item.rule, item.place?.line, item.message])
    ).toEqual([
      [
        'R-JSON-SAFE',
        1,
        '.inf is read as the number Infinity, which JSON cannot hold.'
      ],
      [
        'R-JSON-SAFE',
        2,
        '-.Inf is read as the number -Infinity, which JSON cannot hold.'
      ],
      [
        'R-JSON-SAFE',
        3,
        '.NaN is read as the number NaN, which JSON cannot hold.'
      ]
    ])
  })

  it('reads ~, null and an empty value as null', () => {
    expect(read('a: ~\nb: null\nc: NULL\nd:\n').content).toEqual({
      a: null,
      b: null,
      c: null,
      d: null
    })
  })

  it('merges << keys, its own keys winning, as PyYAML does', () => {
    const file = read(
      'base: &base\n  type: string\n  pattern: x\nother: &other\n  type: integer\n  minimum: 0\nmerged:\n  <<: [*base, *other]\n  pattern: y\n'
    )

    expect(file.content).toEqual({
      base: { type: 'string', pattern: 'x' },
      other: { type: 'integer', minimum: 0 },
      merged: { type: 'string', minimum: 0, pattern: 'y' }
    })
    expect(file.positions.get('/merged/type')).toEqual({ line: 2, column: 3 })
  })

  it('R-YAML-PARSE: reports a tab used for indentation at its line', () => {
    const found = checkRule(
      'R-YAML-PARSE',
      edited('sample.yaml', '  sample_type:\n', '\tsample_type:\n')
    )

    expect(found).toEqual([
      {
        rule: 'R-YAML-PARSE',
        severity: 'error',
        file: 'sample.yaml',
        line: 33,
        message:
          'sample.yaml cannot be read as YAML: Tabs are not allowed as indentation.',
        expected:
          'YAML 1.1 that PyYAML reads: spaces (not tabs) for indentation, one document, plain keys, UTF-8.'
      }
    ])
  })

  it('reports a file of two YAML documents', () => {
    const file = read('a: 1\n---\nb: 2\n')

    expect(file.readable).toBe(false)
    expect(file.findings.map((item) => [item.rule, item.place?.line])).toEqual([
      ['R-YAML-PARSE', 2]
    ])
  })

  it('R-YAML-KEY-TYPE: refuses a key YAML 1.1 reads as a boolean, which breaks the loader', () => {
    const found = checkRule(
      'R-YAML-KEY-TYPE',
      edited(
        'sample.yaml',
        '  subjects:\n    $ref',
        '  yes:\n    type: string\n  subjects:\n    $ref'
      )
    )

    expect(found).toEqual([
      {
        rule: 'R-YAML-KEY-TYPE',
        severity: 'error',
        file: 'sample.yaml',
        line: 39,
        message:
          "The key yes is read by YAML 1.1 as the boolean true, not text; Gen3's loader fails on it.",
        expected: "the key in quotes: 'yes'."
      }
    ])
  })

  it('refuses an entry without a key, which YAML 1.1 reads as null', () => {
    const file = read('a: 1\n: 2\n')

    expect(file.content).toEqual({ a: 1, null: 2 })
    expect(file.findings.map((item) => [item.rule, item.place?.line])).toEqual([
      ['R-YAML-KEY-TYPE', 2]
    ])
  })

  it('names a numeric key as JSON writes it', () => {
    expect(read('"1": a\n2: b\n').content).toEqual({ '1': 'a', '2': 'b' })
  })

  it('compiles a YAML float such as 1.0 as 1.0, as Python writes it', () => {
    const dictionary = loadDictionary({
      files: withFiles({
        '_terms.yaml': `${minimal['_terms.yaml'] ?? ''}version:\n  cde_version: 1.0\n  cde_id: 2\n`
      })
    })

    expect(compileDictionary(dictionary, stamp).json).toContain(
      '"version": {"cde_version": 1.0, "cde_id": 2}'
    )
  })

  it('remembers the line of every value, a mapping entry at its key', () => {
    const file = read(
      'id: sample\nlinks:\n  - name: subjects\n    required: true\n'
    )

    expect(Object.fromEntries(file.positions)).toEqual({
      '': { line: 1, column: 1 },
      '/id': { line: 1, column: 1 },
      '/links': { line: 2, column: 1 },
      '/links/0': { line: 3, column: 5 },
      '/links/0/name': { line: 3, column: 5 },
      '/links/0/required': { line: 4, column: 5 }
    })
  })
})
