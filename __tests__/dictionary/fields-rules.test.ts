import { describe, expect, it } from '@jest/globals'

import { checkRule, edited, minimal, withFiles } from './minimal.js'

const sample = minimal['sample.yaml'] ?? ''

describe("what Gen3's dictionary tests require (dictionaryutils tests/)", () => {
  it('R-ROOT-NODES: refuses a dictionary without a program node', () => {
    expect(
      checkRule('R-ROOT-NODES', withFiles({ 'program.yaml': undefined }))
    ).toEqual([
      {
        rule: 'R-ROOT-NODES',
        severity: 'error',
        message:
          'The dictionary has no program node, which Gen3 needs at the root of every submission.',
        expected:
          'program.yaml with id: program, as in the uc-cdis/datadictionary program.yaml.'
      }
    ])
  })

  it('R-PROGRAM: refuses a program that does not require dbgap_accession_number', () => {
    expect(
      checkRule(
        'R-PROGRAM',
        edited(
          'program.yaml',
          '  - name\n  - dbgap_accession_number\n',
          '  - name\n'
        )
      )
    ).toEqual([
      {
        rule: 'R-PROGRAM',
        severity: 'error',
        file: 'program.yaml',
        line: 13,
        message:
          "program does not list dbgap_accession_number in required, which Gen3's tests require of program.",
        expected: 'required: [name, dbgap_accession_number].'
      }
    ])
  })

  it('R-PROGRAM: refuses a program without a type property', () => {
    expect(
      checkRule(
        'R-PROGRAM',
        edited('program.yaml', '  type:\n    type: string\n', '')
      ).map((item) => item.message)
    ).toEqual(['program has no property type, which the program node needs.'])
  })

  it('R-PROJECT: refuses a project without availability_type', () => {
    expect(
      checkRule(
        'R-PROJECT',
        edited(
          'project.yaml',
          '  availability_type:\n    enum: [Open, Restricted]\n',
          ''
        )
      )
    ).toEqual([
      {
        rule: 'R-PROJECT',
        severity: 'error',
        file: 'project.yaml',
        line: 29,
        message:
          'project has no property availability_type, which the project node needs.',
        expected:
          'the project properties of the uc-cdis/datadictionary project.yaml: availability_type, code, dbgap_accession_number, id and type.'
      }
    ])
  })

  it('R-UBIQUITOUS: refuses a node that does not require type', () => {
    expect(
      checkRule(
        'R-UBIQUITOUS',
        edited(
          'sample.yaml',
          '  - submitter_id\n  - type\n  - subjects\n',
          '  - submitter_id\n  - subjects\n'
        )
      )
    ).toEqual([
      {
        rule: 'R-UBIQUITOUS',
        severity: 'error',
        file: 'sample.yaml',
        line: 17,
        message:
          'sample does not list type in required, which every node but program and project must require.',
        expected: 'required: [submitter_id, type, …].'
      }
    ])
  })

  it('R-UBIQUITOUS: refuses a node without the ubiquitous properties', () => {
    expect(
      checkRule(
        'R-UBIQUITOUS',
        edited(
          'subject.yaml',
          '  $ref: "_definitions.yaml#/ubiquitous_properties"\n',
          '  submitter_id:\n    type: string\n  type:\n    type: string\n'
        )
      ).map((item) => [item.line, item.message])
    ).toEqual([
      [
        31,
        'subject has no properties updated_datetime, created_datetime and id, which every node but program and project needs.'
      ]
    ])
  })

  it('R-FILE-NODE: refuses a data_file node without the file properties', () => {
    expect(
      checkRule(
        'R-FILE-NODE',
        edited('sample.yaml', 'category: biospecimen', 'category: data_file')
      )
    ).toEqual([
      {
        rule: 'R-FILE-NODE',
        severity: 'error',
        file: 'sample.yaml',
        line: 31,
        message:
          "sample is a data_file node without data_type, data_format, data_category, object_id and core_metadata_collections, which Gen3's tests require of data file nodes.",
        expected:
          'properties: {$ref: "_definitions.yaml#/data_file_properties", …} and a core_metadata_collections link.'
      }
    ])
  })

  it('R-FILE-NODE: refuses a data_file node that does not require data_type, data_format and data_category', () => {
    const files = withFiles({
      'sample.yaml': sample
        .replace('category: biospecimen', 'category: data_file')
        .replace(
          '  subjects:\n    $ref',
          '  data_type:\n    type: string\n  data_format:\n    type: string\n  data_category:\n    type: string\n  object_id:\n    type: string\n  core_metadata_collections:\n    type: string\n  subjects:\n    $ref'
        )
    })

    expect(
      checkRule('R-FILE-NODE', files).map((item) => [item.line, item.message])
    ).toEqual([
      [
        17,
        'sample is a data_file node that does not require data_type, data_format and data_category.'
      ]
    ])
  })

  it('R-ID-FILENAME: refuses a file whose id is not its name', () => {
    expect(
      checkRule(
        'R-ID-FILENAME',
        edited('sample.yaml', 'id: sample\n', 'id: samples\n')
      )
    ).toEqual([
      {
        rule: 'R-ID-FILENAME',
        severity: 'error',
        file: 'sample.yaml',
        line: 2,
        message:
          "sample.yaml has the id samples; Gen3's tests expect a file's id to be its name.",
        expected: 'id: sample, or the file renamed to samples.yaml.'
      }
    ])
  })

  it('R-ID-FILENAME: checks _definitions.yaml when it carries an id', () => {
    expect(
      checkRule(
        'R-ID-FILENAME',
        edited('_definitions.yaml', 'id: _definitions\n', 'id: definitions\n')
      ).map((item) => [item.file, item.line])
    ).toEqual([['_definitions.yaml', 1]])
  })

  it('R-ENUM-NO-TYPE: refuses a type beside an enum', () => {
    expect(
      checkRule(
        'R-ENUM-NO-TYPE',
        edited(
          'sample.yaml',
          '    enum:\n      - Blood',
          '    type: string\n    enum:\n      - Blood'
        )
      )
    ).toEqual([
      {
        rule: 'R-ENUM-NO-TYPE',
        severity: 'error',
        file: 'sample.yaml',
        line: 36,
        message:
          "The property sample_type of sample has both an enum and a type; Gen3's tests reject a type beside an enum.",
        expected: 'the enum alone: remove the type line.'
      }
    ])
  })

  it('R-ARRAY-ITEMS: refuses an array without items', () => {
    expect(
      checkRule(
        'R-ARRAY-ITEMS',
        edited(
          'subject.yaml',
          '  projects:\n',
          '  tags:\n    type: array\n  projects:\n'
        )
      )
    ).toEqual([
      {
        rule: 'R-ARRAY-ITEMS',
        severity: 'error',
        file: 'subject.yaml',
        line: 37,
        message:
          'The property tags of subject is of type array but does not say what its items are.',
        expected:
          'items: {type: string} (or the type, enum or pattern of one item).'
      }
    ])
  })

  it('R-FILE-SIZE-INT: refuses a file_size that is not an integer', () => {
    expect(
      checkRule(
        'R-FILE-SIZE-INT',
        edited(
          'subject.yaml',
          '  projects:\n',
          '  file_size:\n    type: number\n  projects:\n'
        )
      )
    ).toEqual([
      {
        rule: 'R-FILE-SIZE-INT',
        severity: 'error',
        file: 'subject.yaml',
        line: 36,
        message: 'The property file_size of subject is not of type integer.',
        expected:
          'file_size: {$ref: "_definitions.yaml#/file_size"} or type: integer.'
      }
    ])
  })

  it('R-LINK-FK-SHAPE: refuses a link to project made with to_one, whose submitter_id project lacks', () => {
    expect(
      checkRule(
        'R-LINK-FK-SHAPE',
        edited(
          'subject.yaml',
          '"_definitions.yaml#/to_one_project"',
          '"_definitions.yaml#/to_one"'
        )
      )
    ).toEqual([
      {
        rule: 'R-LINK-FK-SHAPE',
        severity: 'error',
        file: 'subject.yaml',
        line: 36,
        message:
          'The link projects of subject refers to project by submitter_id, which project has no property for.',
        expected:
          'a link to project made with $ref: "_definitions.yaml#/to_one_project" (or to_many_project), whose keys are id and code.'
      }
    ])
  })

  it('R-LINK-FK-SHAPE: refuses a link property that is not a link reference', () => {
    expect(
      checkRule(
        'R-LINK-FK-SHAPE',
        edited(
          'sample.yaml',
          '  subjects:\n    $ref: "_definitions.yaml#/to_one"\n',
          '  subjects:\n    type: string\n'
        )
      ).map((item) => item.message)
    ).toEqual([
      'The property subjects of sample is not a link reference: it needs anyOf[0].items.properties naming the keys of subject.'
    ])
  })

  it('R-ENUM-STRINGS: refuses an enum of numbers', () => {
    expect(
      checkRule(
        'R-ENUM-STRINGS',
        edited(
          'sample.yaml',
          '      - Blood\n      - Tissue\n',
          '      - 1\n      - "2"\n'
        )
      )
    ).toEqual([
      {
        rule: 'R-ENUM-STRINGS',
        severity: 'error',
        file: 'sample.yaml',
        line: 37,
        message: 'The enum of sample_type in sample holds 1, not text.',
        expected: 'every value in quotes, such as "1".'
      }
    ])
  })

  it('R-ID-LOWER: refuses an id in capitals', () => {
    expect(
      checkRule(
        'R-ID-LOWER',
        withFiles({
          'sample.yaml': undefined,
          'Sample.yaml': sample.replace('id: sample\n', 'id: Sample\n')
        })
      )
    ).toEqual([
      {
        rule: 'R-ID-LOWER',
        severity: 'error',
        file: 'Sample.yaml',
        line: 2,
        message: 'The id Sample is not lower case.',
        expected: 'id: sample (and the file named sample.yaml).'
      }
    ])
  })

  const longId = 'abcdefghij_abcdefghij_abcdefghij_abcdefghij_abcdefg'
  const overFortyId = 'abcdefghij_abcdefghij_abcdefghij_abcdefghij_a'

  function nodeNamed(id: string) {
    return withFiles({
      'sample.yaml': undefined,
      [`${id}.yaml`]: sample.replace('id: sample\n', `id: ${id}\n`)
    })
  }

  it("R-ID-LENGTH: refuses an id longer than Gen3's tests allow (46 without underscores)", () => {
    expect(checkRule('R-ID-LENGTH', nodeNamed(longId))).toEqual([
      {
        rule: 'R-ID-LENGTH',
        severity: 'error',
        file: `${longId}.yaml`,
        line: 2,
        message:
          'The id abcdefghij_abcdefghij_abcdefghij_abcdefghij_abcdefg has 47 characters besides underscores; PostgreSQL cuts the index name node_abcdefghijabcdefghijabcdefghijabcdefghijabcdefg__sysan__props_idx at 63 characters and sheepdog fails to create it.',
        expected: 'an id of at most 40 characters besides underscores.'
      }
    ])
  })

  it('R-ID-LENGTH: warns of an id over the real limit of 40 that Gen3 tests let through', () => {
    expect(checkRule('R-ID-LENGTH', nodeNamed(overFortyId))).toEqual([
      {
        rule: 'R-ID-LENGTH',
        severity: 'warning',
        file: `${overFortyId}.yaml`,
        line: 2,
        message:
          "The id abcdefghij_abcdefghij_abcdefghij_abcdefghij_a has 41 characters besides underscores; PostgreSQL cuts the index name node_abcdefghijabcdefghijabcdefghijabcdefghija__sysan__props_idx at 63 characters and sheepdog fails to create it (Gen3's own tests allow up to 46).",
        expected: 'an id of at most 40 characters besides underscores.'
      }
    ])
  })

  it('R-ID-LENGTH: makes an id over 40 an error with strict', () => {
    expect(
      checkRule('R-ID-LENGTH', nodeNamed(overFortyId), { strict: true }).map(
        (item) => item.severity
      )
    ).toEqual(['error'])
  })

  it('R-ID-LENGTH: accepts 40 characters besides underscores', () => {
    expect(
      checkRule(
        'R-ID-LENGTH',
        nodeNamed('abcdefghij_abcdefghij_abcdefghij_abcdefghij')
      )
    ).toEqual([])
  })
})
