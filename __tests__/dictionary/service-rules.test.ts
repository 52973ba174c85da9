import { describe, expect, it } from '@jest/globals'

import { edgeTable } from '../../src/dictionary/checks/datamodel.js'
import { loadDictionary } from '../../src/dictionary/load.js'
import { validateDictionary } from '../../src/dictionary/validate.js'
import { checkRule, edited, minimal, seen, withFiles } from './minimal.js'

const plainLink =
  'links:\n  - name: subjects\n    backref: samples\n    label: derived_from\n    target_type: subject\n    multiplicity: many_to_one\n    required: true\n'

describe('what stops sheepdog and peregrine at start (gen3datamodel)', () => {
  it('R-LINK-TARGET: refuses a link to a node that does not exist, suggesting the one meant', () => {
    expect(
      checkRule(
        'R-LINK-TARGET',
        edited('sample.yaml', 'target_type: subject', 'target_type: subjekt')
      )
    ).toEqual([
      {
        rule: 'R-LINK-TARGET',
        severity: 'error',
        file: 'sample.yaml',
        line: 28,
        message:
          'The link subjects of sample targets subjekt, which is not a node (did you mean subject?); sheepdog and peregrine fail to start.',
        expected: 'the id of a node of the dictionary.'
      }
    ])
  })

  it('R-LINK-TARGET: checks links inside subgroups', () => {
    expect(
      checkRule(
        'R-LINK-TARGET',
        edited(
          'sample.yaml',
          plainLink,
          'links:\n  - exclusive: false\n    required: true\n    subgroup:\n      - name: subjects\n        backref: samples\n        label: derived_from\n        target_type: donor\n        multiplicity: many_to_one\n        required: false\n'
        )
      ).map((item) => item.line)
    ).toEqual([31])
  })

  it('R-BACKREF-UNIQUE: refuses a backref that is already the name of a link of the target', () => {
    expect(
      checkRule(
        'R-BACKREF-UNIQUE',
        edited('sample.yaml', 'backref: samples', 'backref: projects')
      )
    ).toEqual([
      {
        rule: 'R-BACKREF-UNIQUE',
        severity: 'error',
        file: 'subject.yaml',
        line: 25,
        message:
          'The link name projects of subject is already the backref of the link subjects (sample → subject); sheepdog and peregrine fail to start.',
        expected: 'a link name that no link to subject uses as its backref.'
      }
    ])
  })

  it('R-BACKREF-UNIQUE: refuses two links to one node with the same backref', () => {
    const files = withFiles({
      'aliquot.yaml': (minimal['sample.yaml'] ?? '')
        .replace('id: sample', 'id: aliquot')
        .replace('title: Sample', 'title: Aliquot')
    })

    expect(checkRule('R-BACKREF-UNIQUE', files)).toEqual([
      {
        rule: 'R-BACKREF-UNIQUE',
        severity: 'error',
        file: 'sample.yaml',
        line: 26,
        message:
          'The backref samples of the link subjects (sample → subject) is already the backref of the link subjects (aliquot → subject); sheepdog and peregrine fail to start.',
        expected:
          'a backref that no link of subject is named and no other link to subject uses, such as samples.'
      }
    ])
  })

  it('R-BACKREF-UNIQUE: warns of two links of one node with the same name, of which Gen3 keeps one', () => {
    const files = edited(
      'sample.yaml',
      plainLink,
      'links:\n  - exclusive: true\n    required: true\n    subgroup:\n      - name: subjects\n        backref: samples\n        label: derived_from\n        target_type: subject\n        multiplicity: many_to_one\n        required: false\n      - name: subjects\n        backref: samples\n        label: derived_from\n        target_type: project\n        multiplicity: many_to_one\n        required: false\n'
    )

    expect(checkRule('R-BACKREF-UNIQUE', files)).toEqual([
      {
        rule: 'R-BACKREF-UNIQUE',
        severity: 'warning',
        file: 'sample.yaml',
        line: 34,
        message:
          'sample has a second link named subjects (the first is on line 28); Gen3 keeps only the last one.',
        expected: 'a different name for each link of a node.'
      }
    ])
  })

  it('R-TABLE-UNIQUE: refuses two node ids that differ only by underscores', () => {
    const files = withFiles({
      'sub_ject.yaml': (minimal['subject.yaml'] ?? '')
        .replace('id: subject', 'id: sub_ject')
        .replace('backref: subjects', 'backref: sub_jects')
        .replace('label: member_of', 'label: part_of')
    })

    expect(checkRule('R-TABLE-UNIQUE', files)).toEqual([
      {
        rule: 'R-TABLE-UNIQUE',
        severity: 'error',
        file: 'subject.yaml',
        line: 2,
        message:
          'The node ids sub_ject and subject both name the table node_subject (underscores are dropped); sheepdog fails to start.',
        expected: 'ids that still differ once underscores are removed.'
      }
    ])
  })

  it('R-TABLE-UNIQUE: refuses two links that name the same edge table', () => {
    const files = edited(
      'sample.yaml',
      '    required: true\nproperties',
      '    required: true\n  - name: donors\n    backref: donated_samples\n    label: derived__from\n    target_type: subject\n    multiplicity: many_to_one\n    required: false\nproperties'
    )

    expect(checkRule('R-TABLE-UNIQUE', files)).toEqual([
      {
        rule: 'R-TABLE-UNIQUE',
        severity: 'error',
        file: 'sample.yaml',
        line: 33,
        message:
          'The links sample -derived_from→ subject (link subjects) and sample -derived__from→ subject (link donors) both name the edge table edge_samplederivedfromsubject; sheepdog fails to start.',
        expected:
          'labels that keep each source-label-target triple different once underscores are removed.'
      }
    ])
  })

  // The expected names were computed in Python with the steps of gen3datamodel's generate_edge_tablename.
  it('names edge tables as gen3datamodel does, hashing those longer than 40 characters', () => {
    expect(edgeTable('sample', 'derived_from', 'subject')).toBe(
      'edge_samplederivedfromsubject'
    )
    expect(
      edgeTable(
        'submitted_aligned_reads',
        'data_from',
        'core_metadata_collection'
      )
    ).toBe('edge_54e02e8f_sualredafrcomeco')
  })

  it('R-PROP-TYPES: refuses a property of type object, which Gen3 cannot store', () => {
    expect(
      checkRule(
        'R-PROP-TYPES',
        edited('subject.yaml', '    type: integer\n', '    type: object\n')
      )
    ).toEqual([
      {
        rule: 'R-PROP-TYPES',
        severity: 'error',
        file: 'subject.yaml',
        line: 34,
        message:
          "The property age_at_enrollment of subject has the type 'object', which Gen3 cannot store; sheepdog and peregrine fail to start.",
        expected:
          'string, number, integer, boolean or array (with items); a structured value needs several properties or a linked node.'
      }
    ])
  })

  it('R-TITLE: refuses a node without a title', () => {
    expect(
      checkRule('R-TITLE', edited('sample.yaml', 'title: Sample\n', ''))
    ).toEqual([
      {
        rule: 'R-TITLE',
        severity: 'error',
        file: 'sample.yaml',
        line: 2,
        message:
          'sample has no title; sheepdog and peregrine fail to start without one.',
        expected: 'title: the display name, such as Sample.'
      }
    ])
  })
})

describe("what data-simulator rejects (run by Gen3's dictionary tests)", () => {
  it('R-REQUIRED-LINK: refuses a node without a required link', () => {
    expect(
      checkRule(
        'R-REQUIRED-LINK',
        edited(
          'sample.yaml',
          '    multiplicity: many_to_one\n    required: true\n',
          '    multiplicity: many_to_one\n    required: false\n'
        )
      )
    ).toEqual([
      {
        rule: 'R-REQUIRED-LINK',
        severity: 'error',
        file: 'sample.yaml',
        line: 24,
        message:
          "sample has no required link, so no record of it hangs from another; data-simulator, run by Gen3's dictionary tests, rejects it.",
        expected:
          'required: true on the link to the node this one belongs to (such as subjects → subject), or a subgroup with required: true.'
      }
    ])
  })

  it('R-REQUIRED-LINK: does not count a required link to program', () => {
    expect(
      checkRule(
        'R-REQUIRED-LINK',
        edited('sample.yaml', 'target_type: subject', 'target_type: program')
      ).map((item) => item.message)
    ).toEqual([
      "sample links as required only to program, which data-simulator (run by Gen3's dictionary tests) does not count as a parent."
    ])
  })

  it('R-REQUIRED-LINK: counts a required subgroup', () => {
    expect(
      checkRule(
        'R-REQUIRED-LINK',
        edited(
          'sample.yaml',
          plainLink,
          'links:\n  - exclusive: false\n    required: true\n    subgroup:\n      - name: subjects\n        backref: samples\n        label: derived_from\n        target_type: subject\n        multiplicity: many_to_one\n        required: false\n'
        )
      )
    ).toEqual([])
  })

  it('R-REQ-IN-PROPS: refuses a required name that is not a property', () => {
    expect(
      checkRule(
        'R-REQ-IN-PROPS',
        edited(
          'sample.yaml',
          '  - subjects\n',
          '  - subjects\n  - tissue_type\n'
        )
      )
    ).toEqual([
      {
        rule: 'R-REQ-IN-PROPS',
        severity: 'error',
        file: 'sample.yaml',
        line: 21,
        message:
          'required lists tissue_type, which is not a property of sample.',
        expected: 'only names of properties (and links) of the node.'
      }
    ])
  })

  it('R-PROP-DATATYPE: refuses a property with no type, enum or oneOf', () => {
    expect(
      checkRule(
        'R-PROP-DATATYPE',
        edited(
          'subject.yaml',
          '  age_at_enrollment:\n    type: integer\n    minimum: 0\n',
          '  notes:\n    description: Free text.\n'
        )
      )
    ).toEqual([
      {
        rule: 'R-PROP-DATATYPE',
        severity: 'error',
        file: 'subject.yaml',
        line: 33,
        message:
          "data-simulator, run by Gen3's dictionary tests, cannot tell what value the property notes of subject holds: it has no type, enum, oneOf or anyOf.",
        expected:
          'a type (string, number, integer, boolean, or array with items), an enum of text, or oneOf/anyOf of those.'
      }
    ])
  })

  it('R-PROP-DATATYPE: accepts a date-time property made with oneOf', () => {
    expect(
      checkRule(
        'R-PROP-DATATYPE',
        edited(
          'subject.yaml',
          '  projects:\n',
          '  enrolled_on:\n    $ref: "_definitions.yaml#/datetime"\n  projects:\n'
        )
      )
    ).toEqual([])
  })
})

describe('what only the running services meet', () => {
  it('R-GRAPHQL-NAMES: warns of a backref that starts with a digit', () => {
    expect(
      checkRule(
        'R-GRAPHQL-NAMES',
        edited('sample.yaml', 'backref: samples', 'backref: 2samples')
      )
    ).toEqual([
      {
        rule: 'R-GRAPHQL-NAMES',
        severity: 'warning',
        file: 'sample.yaml',
        line: 26,
        message:
          'The link backref 2samples starts with a digit, so peregrine cannot make it a GraphQL field.',
        expected: 'letters, digits and underscores, not starting with a digit.'
      }
    ])
  })

  it('R-GRAPHQL-NAMES: makes it an error with strict', () => {
    expect(
      checkRule(
        'R-GRAPHQL-NAMES',
        edited('sample.yaml', 'backref: samples', 'backref: 2samples'),
        {
          strict: true
        }
      ).map((item) => item.severity)
    ).toEqual(['error'])
  })

  it('R-GRAPHQL-NAMES: warns of a node id with a hyphen, which Gen3 tests let through', () => {
    const files = withFiles({
      'sample.yaml': undefined,
      'tissue-sample.yaml': (minimal['sample.yaml'] ?? '').replace(
        'id: sample\n',
        'id: tissue-sample\n'
      )
    })

    expect(
      checkRule('R-GRAPHQL-NAMES', files).map((item) => item.message)
    ).toEqual([
      'The id tissue-sample has characters other than letters, digits and underscores, so peregrine cannot make it a GraphQL type.'
    ])
  })

  it('R-REQUIRED-CYCLE: warns of required links that go round in a circle', () => {
    const files = edited(
      'subject.yaml',
      '    required: true\nproperties',
      '    required: true\n  - name: samples_taken\n    backref: donors\n    label: gave\n    target_type: sample\n    multiplicity: many_to_one\n    required: true\nproperties'
    )

    expect(checkRule('R-REQUIRED-CYCLE', files)).toEqual([
      {
        rule: 'R-REQUIRED-CYCLE',
        severity: 'warning',
        file: 'subject.yaml',
        line: 31,
        message:
          'Required links go round in a circle (sample → subject → sample), so no record of sample and subject can be submitted first.',
        expected: 'one link of the circle with required: false.'
      }
    ])
  })

  it('R-BACKREF-UNIQUE: warns of a backref named like a property of the target', () => {
    expect(
      checkRule(
        'R-BACKREF-UNIQUE',
        edited('sample.yaml', 'backref: samples', 'backref: age_at_enrollment')
      )
    ).toEqual([
      {
        rule: 'R-BACKREF-UNIQUE',
        severity: 'warning',
        file: 'sample.yaml',
        line: 26,
        message:
          "The backref age_at_enrollment of the link subjects (sample → subject) is also a property of subject; the two share one attribute of subject's records.",
        expected:
          'a backref that is not a property of subject, such as samples.'
      }
    ])
  })

  it('R-CASE-CACHE: notes a dictionary without a case node that keeps the case cache on', () => {
    expect(
      checkRule('R-CASE-CACHE', withFiles({ '_settings.yaml': 'other: 1\n' }))
    ).toEqual([
      {
        rule: 'R-CASE-CACHE',
        severity: 'warning',
        file: '_settings.yaml',
        line: 1,
        message:
          'The dictionary has no case node and does not turn the case cache off; older peregrine images fail to start so (uc-cdis/peregrine#30).',
        expected: 'enable_case_cache: false in _settings.yaml.'
      }
    ])
  })

  it('R-UNIQUEKEYS-PROPS: warns of a unique key that is not a property', () => {
    expect(
      checkRule(
        'R-UNIQUEKEYS-PROPS',
        edited(
          'sample.yaml',
          '  - [project_id, submitter_id]',
          '  - [project_id, submiter_id]'
        )
      )
    ).toEqual([
      {
        rule: 'R-UNIQUEKEYS-PROPS',
        severity: 'warning',
        file: 'sample.yaml',
        line: 23,
        message:
          'uniqueKeys of sample names submiter_id, which is not one of its properties (did you mean submitter_id?); sheepdog fails on submission.',
        expected: 'names of properties of the node.'
      }
    ])
  })

  it('R-UNIQUEKEYS-PROPS: makes it an error with strict', () => {
    expect(
      checkRule(
        'R-UNIQUEKEYS-PROPS',
        edited(
          'sample.yaml',
          '  - [project_id, submitter_id]',
          '  - [project_id, submiter_id]'
        ),
        { strict: true }
      ).map((item) => item.severity)
    ).toEqual(['error'])
  })

  it('R-SYSTEM-PROPS: warns of a system property that is not a property', () => {
    expect(
      checkRule(
        'R-SYSTEM-PROPS',
        edited(
          'sample.yaml',
          '  - updated_datetime\nrequired',
          '  - updated_datetime\n  - file_state\nrequired'
        )
      )
    ).toEqual([
      {
        rule: 'R-SYSTEM-PROPS',
        severity: 'warning',
        file: 'sample.yaml',
        line: 17,
        message:
          'systemProperties of sample names file_state, which is not one of its properties.',
        expected:
          'names of properties of the node, such as id, project_id, state, created_datetime, updated_datetime.'
      }
    ])
  })

  it("R-PORTAL-NODES: notes that compose-services' default portal expects case, experiment and aliquot", () => {
    const findings = validateDictionary(
      loadDictionary({ files: { ...minimal } }),
      { strict: true }
    )

    expect(findings.map(seen)).toEqual([
      {
        rule: 'R-PORTAL-NODES',
        severity: 'warning',
        message:
          "The dictionary has no case, experiment and aliquot nodes, which compose-services' default portal configuration expects.",
        expected:
          "a portal configuration (gitops.json) written for this dictionary's nodes."
      }
    ])
  })
})
