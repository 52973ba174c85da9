import { describe, expect, it } from '@jest/globals'

import { loadDictionary } from '../../src/dictionary/load.js'
import { validateDictionary } from '../../src/dictionary/validate.js'
import { check, checkRule, edited, minimal, withFiles } from './minimal.js'

const sample = minimal['sample.yaml'] ?? ''

describe('the minimal dictionary', () => {
  it('passes every check', () => {
    expect(check({ ...minimal })).toEqual([])
  })

  it('has its nodes keyed by id, with Gen3 built-in root and data_release first', () => {
    const dictionary = loadDictionary({ files: { ...minimal } })

    expect([...dictionary.nodes.keys()]).toEqual([
      'root',
      'data_release',
      'program',
      'project',
      'sample',
      'subject'
    ])
    expect(dictionary.nodes.get('data_release')?.builtin).toBe(true)
  })
})

describe('reading the files (dictionaryutils loading and compiling)', () => {
  it('R-FILES-GLOB: warns that a .yml file is never read', () => {
    expect(
      checkRule('R-FILES-GLOB', { ...minimal }, { ignored: ['case.yml'] })
    ).toEqual([
      {
        rule: 'R-FILES-GLOB',
        severity: 'warning',
        file: 'case.yml',
        message:
          'case.yml is never read: Gen3 reads only files whose names end in .yaml.',
        expected:
          'the file renamed to case.yaml, or moved out of the dictionary folder.'
      }
    ])
  })

  it('R-FILES-GLOB: warns that metaschema.yaml is copied but never used', () => {
    expect(
      checkRule(
        'R-FILES-GLOB',
        withFiles({ 'metaschema.yaml': 'id: metaschema\n' })
      )
    ).toEqual([
      {
        rule: 'R-FILES-GLOB',
        severity: 'warning',
        file: 'metaschema.yaml',
        line: 1,
        message:
          "metaschema.yaml is copied into schema.json but never used: Gen3's tools validate against their own metaschema.",
        expected: 'no metaschema.yaml in the dictionary folder.'
      }
    ])
  })

  it('R-SETTINGS-MAP: refuses an _settings.yaml with nothing in it', () => {
    expect(
      checkRule(
        'R-SETTINGS-MAP',
        withFiles({ '_settings.yaml': '# nothing\n' })
      )
    ).toEqual([
      {
        rule: 'R-SETTINGS-MAP',
        severity: 'error',
        file: '_settings.yaml',
        line: 1,
        message: '_settings.yaml is empty; compiling schema.json then fails.',
        expected:
          'key: value settings such as enable_case_cache: false, or no _settings.yaml at all.'
      }
    ])
  })

  it('R-SETTINGS-MAP: refuses an _settings.yaml that is a list', () => {
    expect(
      checkRule('R-SETTINGS-MAP', withFiles({ '_settings.yaml': '- a\n' })).map(
        (item) => item.message
      )
    ).toEqual([
      '_settings.yaml is not a mapping; compiling schema.json then fails.'
    ])
  })

  it('R-JSON-SAFE: refuses an unquoted date in a node, at its line', () => {
    expect(
      checkRule(
        'R-JSON-SAFE',
        edited(
          'subject.yaml',
          '    minimum: 0\n',
          '    minimum: 0\n    description: 2020-01-01\n'
        )
      )
    ).toEqual([
      {
        rule: 'R-JSON-SAFE',
        severity: 'error',
        file: 'subject.yaml',
        line: 36,
        message:
          '2020-01-01 is read by YAML 1.1 as a date, which schema.json cannot hold.',
        expected: "text in quotes: '2020-01-01'."
      }
    ])
  })

  it('R-NODE-HAS-ID: refuses a helper file with no id, since every other .yaml file is a node', () => {
    expect(
      checkRule(
        'R-NODE-HAS-ID',
        withFiles({ 'notes.yaml': 'text: some notes\n' })
      )
    ).toEqual([
      {
        rule: 'R-NODE-HAS-ID',
        severity: 'error',
        file: 'notes.yaml',
        line: 1,
        message:
          'notes.yaml has no id, but every top-level .yaml file other than _definitions, _terms, _settings and metaschema is read as a node.',
        expected:
          'a mapping with id, title, category, links and properties; any other helper file belongs in a sub-folder, which Gen3 does not read.'
      }
    ])
  })

  it('R-NODE-HAS-ID: refuses an empty node file', () => {
    expect(
      checkRule('R-NODE-HAS-ID', withFiles({ 'notes.yaml': '# to do\n' })).map(
        (item) => item.message
      )
    ).toEqual([
      'notes.yaml is empty, but every top-level .yaml file other than _definitions, _terms, _settings and metaschema is read as a node.'
    ])
  })

  it('R-NODE-ID-UNIQUE: refuses two files declaring the same node id', () => {
    expect(
      checkRule('R-NODE-ID-UNIQUE', withFiles({ 'specimen.yaml': sample }))
    ).toEqual([
      {
        rule: 'R-NODE-ID-UNIQUE',
        severity: 'error',
        file: 'specimen.yaml',
        line: 2,
        message:
          'specimen.yaml declares the node id sample, which sample.yaml declares too; Gen3 keeps only one of them.',
        expected: 'an id of its own, matching the file name: id: specimen.'
      }
    ])
  })
})

describe('resolving $ref (dictionaryutils DataDictionary)', () => {
  it('R-REF-SYNTAX: refuses a $ref without #', () => {
    expect(
      checkRule(
        'R-REF-SYNTAX',
        edited(
          'sample.yaml',
          '"_definitions.yaml#/to_one"',
          '"_definitions.yaml"'
        )
      )
    ).toEqual([
      {
        rule: 'R-REF-SYNTAX',
        severity: 'error',
        file: 'sample.yaml',
        line: 40,
        message:
          "The $ref _definitions.yaml has no '#', which Gen3's loader needs between the file and the path.",
        expected:
          "the file, '#', then a path inside it, such as _definitions.yaml#/UUID."
      }
    ])
  })

  it('R-REF-SYNTAX: refuses a $ref that is not text', () => {
    expect(
      checkRule(
        'R-REF-SYNTAX',
        edited('sample.yaml', '"_definitions.yaml#/to_one"', '[to_one]')
      ).map((item) => item.message)
    ).toEqual(['This $ref holds a list, not text.'])
  })

  it('R-REF-FILE: refuses a $ref to a file that is not in the dictionary, suggesting the one meant', () => {
    expect(
      checkRule(
        'R-REF-FILE',
        edited(
          'sample.yaml',
          '"_definitions.yaml#/to_one"',
          '"_definition.yaml#/to_one"'
        )
      )
    ).toEqual([
      {
        rule: 'R-REF-FILE',
        severity: 'error',
        file: 'sample.yaml',
        line: 40,
        message:
          'The $ref _definition.yaml#/to_one names the file _definition.yaml, which is not a top-level .yaml file of the dictionary (did you mean _definitions.yaml?).',
        expected:
          'the exact name of a .yaml file directly in the dictionary folder, such as _definitions.yaml.'
      }
    ])
  })

  it('R-REF-POINTER: refuses a $ref to a path that does not exist, suggesting the one meant', () => {
    expect(
      checkRule(
        'R-REF-POINTER',
        edited(
          'sample.yaml',
          '"_definitions.yaml#/to_one"',
          '"_definitions.yaml#/to_onee"'
        )
      )
    ).toEqual([
      {
        rule: 'R-REF-POINTER',
        severity: 'error',
        file: 'sample.yaml',
        line: 40,
        message:
          'The $ref _definitions.yaml#/to_onee names nothing: _definitions.yaml has no entry to_onee (did you mean to_one?).',
        expected:
          'a path to a mapping in _definitions.yaml, such as _definitions.yaml#/to_one.'
      }
    ])
  })

  it('R-REF-POINTER: refuses a $ref to a list, which cannot be merged', () => {
    expect(
      checkRule(
        'R-REF-POINTER',
        edited(
          'sample.yaml',
          '"_definitions.yaml#/to_one"',
          '"_definitions.yaml#/to_one/anyOf"'
        )
      ).map((item) => [item.message, item.expected])
    ).toEqual([
      [
        'The $ref _definitions.yaml#/to_one/anyOf names a list; only a mapping can be merged into the place of a $ref.',
        'a path to a mapping (key: value entries).'
      ]
    ])
  })

  it('R-REF-POINTER: refuses a $ref that leads back to itself, at the $ref', () => {
    const files = withFiles({
      '_definitions.yaml': `${minimal['_definitions.yaml'] ?? ''}loop:\n  a:\n    $ref: "#/loop"\n`,
      'sample.yaml': sample.replace(
        '  subjects:\n    $ref',
        '  looped:\n    $ref: "_definitions.yaml#/loop"\n  subjects:\n    $ref'
      )
    })

    expect(checkRule('R-REF-POINTER', files)).toEqual([
      {
        rule: 'R-REF-POINTER',
        severity: 'error',
        file: '_definitions.yaml',
        line: 71,
        message: 'The $ref #/loop leads back to itself, so it never resolves.',
        expected:
          'a reference to content that does not, through its own $refs, include this one.'
      }
    ])
  })

  it('skips the content checks of a node whose $ref is broken, rather than echo it', () => {
    const found = check(
      edited(
        'sample.yaml',
        '"_definitions.yaml#/to_one"',
        '"_definitions.yaml#/to_onee"'
      )
    )

    expect(found.map((item) => item.rule)).toEqual(['R-REF-POINTER'])
  })

  it('merges the referenced mapping over local keys of the same name, as dictionaryutils does', () => {
    const dictionary = loadDictionary({
      files: edited(
        'subject.yaml',
        '  $ref: "_definitions.yaml#/ubiquitous_properties"\n',
        '  state:\n    enum: [mine]\n  $ref: "_definitions.yaml#/ubiquitous_properties"\n'
      )
    })
    const subject = dictionary.nodes.get('subject')
    const properties = subject?.schema.properties as Record<string, unknown>

    expect(Object.keys(properties)).toEqual([
      'state',
      'age_at_enrollment',
      'projects',
      'type',
      'id',
      'submitter_id',
      'project_id',
      'created_datetime',
      'updated_datetime'
    ])
    expect(properties.state).toEqual({
      enum: ['uploading', 'validated', 'submitted']
    })
    expect(subject?.origins.get('/properties/state')).toEqual({
      file: '_definitions.yaml',
      pointer: '/ubiquitous_properties/state',
      line: 61,
      column: 3
    })
  })

  it('resolves every key that starts with $ref, as kf-dictionary relies on', () => {
    const dictionary = loadDictionary({
      files: edited(
        'subject.yaml',
        '  $ref: "_definitions.yaml#/ubiquitous_properties"\n',
        '  $ref_ubiq: "_definitions.yaml#/ubiquitous_properties"\n  $ref_key: "_definitions.yaml#/foreign_key_project/properties"\n'
      )
    })
    const properties = dictionary.nodes.get('subject')?.schema
      .properties as Record<string, unknown>

    expect(Object.keys(properties)).toContain('code')
    expect(Object.keys(properties)).toContain('submitter_id')
    expect(
      Object.keys(properties).filter((key) => key.startsWith('$ref'))
    ).toEqual([])
  })

  it('resolves #/ refs inside a referenced fragment against its own file', () => {
    const dictionary = loadDictionary({ files: { ...minimal } })
    const id = (
      dictionary.nodes.get('sample')?.schema.properties as Record<
        string,
        Record<string, unknown>
      >
    ).id

    expect(id).toEqual({
      term: { description: 'A 128-bit identifier.' },
      type: 'string',
      pattern:
        '^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$',
      systemAlias: 'node_id'
    })
  })

  it('resolves each $ref of a list, as in the anyOf of to_one', () => {
    const dictionary = loadDictionary({ files: { ...minimal } })
    const sample = dictionary.nodes.get('sample')
    const subjects = (
      sample?.schema.properties as Record<string, { anyOf: unknown[] }>
    ).subjects

    expect(subjects?.anyOf[1]).toEqual({
      type: 'object',
      additionalProperties: true,
      properties: {
        id: {
          term: { description: 'A 128-bit identifier.' },
          type: 'string',
          pattern:
            '^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$'
        },
        submitter_id: { type: 'string' }
      }
    })
    expect(
      sample?.origins.get(
        '/properties/subjects/anyOf/1/properties/submitter_id'
      )
    ).toEqual({
      file: '_definitions.yaml',
      pointer: '/foreign_key/properties/submitter_id',
      line: 29,
      column: 5
    })
  })

  it('R-BUILTIN-DEFS: refuses an _definitions.yaml without to_one, which Gen3 built-in data_release uses', () => {
    expect(
      checkRule(
        'R-BUILTIN-DEFS',
        edited('_definitions.yaml', 'to_one:\n', 'to_single:\n')
      )
    ).toEqual([
      {
        rule: 'R-BUILTIN-DEFS',
        severity: 'error',
        file: '_definitions.yaml',
        line: 1,
        message:
          "Gen3's built-in data_release node needs _definitions.yaml#/to_one, which _definitions.yaml does not define.",
        expected:
          '_definitions.yaml with the entries UUID, datetime and to_one, as in the uc-cdis/datadictionary _definitions.yaml.'
      }
    ])
  })

  it('R-BUILTIN-DEFS: refuses a dictionary without _definitions.yaml', () => {
    expect(
      checkRule('R-BUILTIN-DEFS', withFiles({ '_definitions.yaml': undefined }))
    ).toEqual([
      {
        rule: 'R-BUILTIN-DEFS',
        severity: 'error',
        message:
          "The dictionary has no _definitions.yaml, which Gen3's built-in data_release node needs.",
        expected:
          '_definitions.yaml with the entries UUID, datetime and to_one, as in the uc-cdis/datadictionary _definitions.yaml.'
      }
    ])
  })
})

describe('links as the loader walks them', () => {
  const plainLink =
    'links:\n  - name: subjects\n    backref: samples\n    label: derived_from\n    target_type: subject\n    multiplicity: many_to_one\n    required: true\n'

  it('R-LINKS-FORM: refuses links that are null', () => {
    expect(
      checkRule(
        'R-LINKS-FORM',
        edited('sample.yaml', plainLink, 'links: null\n')
      )
    ).toEqual([
      {
        rule: 'R-LINKS-FORM',
        severity: 'error',
        file: 'sample.yaml',
        line: 24,
        message: "links is null, not a list; Gen3's loader fails on it.",
        expected: 'a list of links, or links: [] for none.'
      }
    ])
  })

  it('R-LINKS-FORM: refuses a link without required', () => {
    expect(
      checkRule(
        'R-LINKS-FORM',
        edited(
          'sample.yaml',
          '    multiplicity: many_to_one\n    required: true\n',
          '    multiplicity: many_to_one\n'
        )
      )
    ).toEqual([
      {
        rule: 'R-LINKS-FORM',
        severity: 'error',
        file: 'sample.yaml',
        line: 25,
        message:
          "The link subjects has no required; Gen3's loader fails without it.",
        expected:
          'required: true when every record must give this link, otherwise required: false.'
      }
    ])
  })

  it('R-LINKS-FORM: refuses a subgroup that is not a list', () => {
    expect(
      checkRule(
        'R-LINKS-FORM',
        edited(
          'sample.yaml',
          plainLink,
          'links:\n  - exclusive: false\n    required: true\n    subgroup: subjects\n'
        )
      ).map((item) => [item.line, item.message])
    ).toEqual([[27, "subgroup is the text 'subjects', not a list of links."]])
  })
})

describe('a node file that cannot be read', () => {
  it('is reported once, not again by every link to its node', () => {
    const files = withFiles({
      'subject.yaml': (minimal['subject.yaml'] ?? '').replace(
        'title: Subject',
        '\ttitle: Subject'
      )
    })

    expect(check(files).map((item) => [item.rule, item.file])).toEqual([
      ['R-YAML-PARSE', 'subject.yaml']
    ])
  })

  it('is not taken for a missing root node', () => {
    const files = withFiles({
      'project.yaml': (minimal['project.yaml'] ?? '').replace(
        'id: project',
        'id: [project'
      )
    })

    expect(check(files).map((item) => [item.rule, item.file])).toEqual([
      ['R-YAML-PARSE', 'project.yaml']
    ])
  })

  it('counts for the portal nodes the dictionary has', () => {
    const files = withFiles({
      'case.yaml': 'id: case\n\ttitle: Case\n'
    })

    expect(
      validateDictionary(loadDictionary({ files }), { strict: false })
        .filter((item) => item.rule === 'R-PORTAL-NODES')
        .map((item) => item.message)
    ).toEqual([
      "The dictionary has no experiment and aliquot nodes, which compose-services' default portal configuration expects."
    ])
  })
})
