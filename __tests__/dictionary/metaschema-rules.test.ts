import { describe, expect, it } from '@jest/globals'

import type { ErrorObject } from '../../src/dictionary/metaschema.js'
import { simplify } from '../../src/dictionary/checks/metaschema.js'
import { checkRule, edited } from './minimal.js'

const plainLink =
  'links:\n  - name: subjects\n    backref: samples\n    label: derived_from\n    target_type: subject\n    multiplicity: many_to_one\n    required: true\n'

describe("Gen3's metaschema (dictionaryutils schema_test.validate_schemata)", () => {
  it('R-META-REQUIRED: refuses a node without uniqueKeys', () => {
    expect(
      checkRule(
        'R-META-REQUIRED',
        edited(
          'sample.yaml',
          'uniqueKeys:\n  - [id]\n  - [project_id, submitter_id]\n',
          ''
        )
      )
    ).toEqual([
      {
        rule: 'R-META-REQUIRED',
        severity: 'error',
        file: 'sample.yaml',
        line: 2,
        message: 'The node sample has no uniqueKeys.',
        expected: 'uniqueKeys: [[id], [project_id, submitter_id]].'
      }
    ])
  })

  it('R-META-DRAFT4: refuses a description with nothing after its colon', () => {
    expect(
      checkRule(
        'R-META-DRAFT4',
        edited(
          'subject.yaml',
          '    minimum: 0\n',
          '    minimum: 0\n    description:\n'
        )
      )
    ).toEqual([
      {
        rule: 'R-META-DRAFT4',
        severity: 'error',
        file: 'subject.yaml',
        line: 36,
        message:
          'properties.age_at_enrollment.description is null, not text (a key with nothing after its colon is null).',
        expected: 'text, or no such key at all.'
      }
    ])
  })

  it('R-META-DRAFT4: refuses an enum that lists a value twice', () => {
    expect(
      checkRule(
        'R-META-DRAFT4',
        edited('sample.yaml', '      - Tissue\n', '      - Blood\n')
      )
    ).toEqual([
      {
        rule: 'R-META-DRAFT4',
        severity: 'error',
        file: 'sample.yaml',
        line: 36,
        message:
          "properties.sample_type.enum lists 'Blood' twice (items 1 and 2).",
        expected: 'each value once.'
      }
    ])
  })

  it('R-META-DRAFT4: refuses a type that JSON Schema does not have', () => {
    expect(
      checkRule(
        'R-META-DRAFT4',
        edited('subject.yaml', '    type: integer\n', '    type: date\n')
      )
    ).toEqual([
      {
        rule: 'R-META-DRAFT4',
        severity: 'error',
        file: 'subject.yaml',
        line: 34,
        message:
          "properties.age_at_enrollment.type is 'date', which is not a JSON Schema type.",
        expected:
          'one of array, boolean, integer, null, number, object and string.'
      }
    ])
  })

  it('R-META-DRAFT4: names the wrong type inside a list of types', () => {
    expect(
      checkRule(
        'R-META-DRAFT4',
        edited(
          'subject.yaml',
          '    type: integer\n',
          '    type: [integer, dat]\n'
        )
      ).map((item) => item.message)
    ).toEqual([
      "properties.age_at_enrollment.type.1 is 'dat', which is not a JSON Schema type."
    ])
  })

  it('R-META-DRAFT4: refuses an empty required list', () => {
    expect(
      checkRule(
        'R-META-DRAFT4',
        edited(
          'program.yaml',
          'required:\n  - name\n  - dbgap_accession_number\n',
          'required: []\n'
        )
      )
    ).toEqual([
      {
        rule: 'R-META-DRAFT4',
        severity: 'error',
        file: 'program.yaml',
        line: 13,
        message: 'required is an empty list.',
        expected: 'at least 1 item, or no required key at all.'
      }
    ])
  })

  it('R-META-CATEGORY: refuses a category with a space', () => {
    expect(
      checkRule(
        'R-META-CATEGORY',
        edited('sample.yaml', 'category: biospecimen', 'category: bio specimen')
      )
    ).toEqual([
      {
        rule: 'R-META-CATEGORY',
        severity: 'error',
        file: 'sample.yaml',
        line: 5,
        message:
          "category is 'bio specimen', which has characters other than letters, digits and underscores.",
        expected: 'letters, digits and underscores only, such as bio_specimen.'
      }
    ])
  })

  it('R-META-CATEGORY: accepts a category outside the conventional list, as Gen3 does', () => {
    expect(
      checkRule(
        'R-META-CATEGORY',
        edited(
          'sample.yaml',
          'category: biospecimen',
          'category: medical_history'
        )
      )
    ).toEqual([])
  })

  it('R-PROP-NAME: refuses a property name with hyphens', () => {
    expect(
      checkRule(
        'R-PROP-NAME',
        edited('subject.yaml', '  age_at_enrollment:', '  age-at-enrollment:')
      )
    ).toEqual([
      {
        rule: 'R-PROP-NAME',
        severity: 'error',
        file: 'subject.yaml',
        line: 31,
        message:
          'The property name age-at-enrollment has characters other than letters, digits and underscores.',
        expected:
          'letters, digits and underscores only, such as age_at_enrollment.'
      }
    ])
  })

  it('R-PROP-NAME: refuses a property that is not a mapping', () => {
    expect(
      checkRule(
        'R-PROP-NAME',
        edited(
          'subject.yaml',
          '  age_at_enrollment:\n    type: integer\n    minimum: 0\n',
          '  age_at_enrollment: integer\n'
        )
      )
    ).toEqual([
      {
        rule: 'R-PROP-NAME',
        severity: 'error',
        file: 'subject.yaml',
        line: 33,
        message:
          "properties.age_at_enrollment is the text 'integer', not a mapping.",
        expected: 'a mapping of JSON Schema keywords, such as {type: string}.'
      }
    ])
  })

  it('R-LINK-SHAPE: refuses a key a link may not have', () => {
    expect(
      checkRule(
        'R-LINK-SHAPE',
        edited(
          'sample.yaml',
          '    required: true\nproperties',
          '    required: true\n    description: the subject\nproperties'
        )
      )
    ).toEqual([
      {
        rule: 'R-LINK-SHAPE',
        severity: 'error',
        file: 'sample.yaml',
        line: 25,
        message: 'links.0 has the key description, which a link may not have.',
        expected:
          'only name, backref, label, target_type, multiplicity and required (comments after #).'
      }
    ])
  })

  it('R-LINK-SHAPE: refuses a label with a space', () => {
    expect(
      checkRule(
        'R-LINK-SHAPE',
        edited('sample.yaml', 'label: derived_from', 'label: derived from')
      )
    ).toEqual([
      {
        rule: 'R-LINK-SHAPE',
        severity: 'error',
        file: 'sample.yaml',
        line: 27,
        message:
          "links.0.label is 'derived from', which has characters other than letters, digits and underscores.",
        expected: 'letters, digits and underscores only, such as derived_from.'
      }
    ])
  })

  it('R-LINK-SHAPE: refuses a multiplicity written with hyphens', () => {
    expect(
      checkRule(
        'R-LINK-SHAPE',
        edited(
          'sample.yaml',
          'multiplicity: many_to_one',
          'multiplicity: many-to-one'
        )
      )
    ).toEqual([
      {
        rule: 'R-LINK-SHAPE',
        severity: 'error',
        file: 'sample.yaml',
        line: 29,
        message:
          "links.0.multiplicity is 'many-to-one', which is not one of one_to_one, one_to_many, many_to_one and many_to_many.",
        expected:
          'one of one_to_one, one_to_many, many_to_one and many_to_many.'
      }
    ])
  })

  it('R-LINK-SHAPE: refuses a link without a name', () => {
    expect(
      checkRule(
        'R-LINK-SHAPE',
        edited('sample.yaml', '  - name: subjects\n    backref', '  - backref')
      )
    ).toEqual([
      {
        rule: 'R-LINK-SHAPE',
        severity: 'error',
        file: 'sample.yaml',
        line: 25,
        message: 'The link links.0 has no name.',
        expected:
          'a link with name, backref, label, target_type, multiplicity and required, or a subgroup with exclusive, required and subgroup.'
      }
    ])
  })

  it('R-LINK-SHAPE: refuses a subgroup whose exclusive is not a boolean', () => {
    expect(
      checkRule(
        'R-LINK-SHAPE',
        edited(
          'sample.yaml',
          plainLink,
          'links:\n  - exclusive: maybe\n    required: true\n    subgroup:\n      - name: subjects\n        backref: samples\n        label: derived_from\n        target_type: subject\n        multiplicity: many_to_one\n        required: false\n'
        )
      )
    ).toEqual([
      {
        rule: 'R-LINK-SHAPE',
        severity: 'error',
        file: 'sample.yaml',
        line: 25,
        message: "links.0.exclusive is the text 'maybe', not true or false.",
        expected: 'true or false.'
      }
    ])
  })

  it('R-LINK-SHAPE: checks the links inside a subgroup too', () => {
    expect(
      checkRule(
        'R-LINK-SHAPE',
        edited(
          'sample.yaml',
          plainLink,
          'links:\n  - exclusive: false\n    required: true\n    subgroup:\n      - name: subjects\n        backref: samples\n        label: derived_from\n        target_type: subject\n        multiplicity: many\n        required: false\n'
        )
      ).map((item) => [item.line, item.message])
    ).toEqual([
      [
        32,
        "links.0.subgroup.0.multiplicity is 'many', which is not one of one_to_one, one_to_many, many_to_one and many_to_many."
      ]
    ])
  })

  it('R-VALIDATORS: refuses validators that sheepdog cannot run', () => {
    expect(
      checkRule(
        'R-VALIDATORS',
        edited(
          'sample.yaml',
          'validators: null',
          'validators:\n  - property: sample_type\n    function: check'
        )
      )
    ).toEqual([
      {
        rule: 'R-VALIDATORS',
        severity: 'error',
        file: 'sample.yaml',
        line: 10,
        message:
          'validators lists 1 validator, but sheepdog has none to run and fails on submission.',
        expected: 'validators: null.'
      }
    ])
  })

  it('R-VALIDATORS: refuses validators that are neither null nor a list', () => {
    expect(
      checkRule(
        'R-VALIDATORS',
        edited('sample.yaml', 'validators: null', 'validators: none')
      ).map((item) => item.message)
    ).toEqual(["validators is the text 'none', not a list or null."])
  })

  it('R-SUBMITTABLE: refuses a quoted "yes"', () => {
    expect(
      checkRule(
        'R-SUBMITTABLE',
        edited('sample.yaml', 'submittable: true', 'submittable: "yes"')
      )
    ).toEqual([
      {
        rule: 'R-SUBMITTABLE',
        severity: 'error',
        file: 'sample.yaml',
        line: 9,
        message: "submittable is the text 'yes', not true or false.",
        expected: 'true or false.'
      }
    ])
  })

  it('R-LINK-IS-PROP: refuses a link without a property of its name, suggesting the one meant', () => {
    expect(
      checkRule(
        'R-LINK-IS-PROP',
        edited(
          'sample.yaml',
          '  subjects:\n    $ref: "_definitions.yaml#/to_one"\n',
          '  subject:\n    $ref: "_definitions.yaml#/to_one"\n'
        )
      )
    ).toEqual([
      {
        rule: 'R-LINK-IS-PROP',
        severity: 'error',
        file: 'sample.yaml',
        line: 25,
        message:
          'The link subjects of sample has no property of the same name (did you mean subject?).',
        expected: 'a property subjects: {$ref: "_definitions.yaml#/to_one"}.'
      }
    ])
  })

  it('R-GRAPHQL-PROP: refuses a property name that starts with a digit', () => {
    expect(
      checkRule(
        'R-GRAPHQL-PROP',
        edited('subject.yaml', '  age_at_enrollment:', '  2nd_collection:')
      )
    ).toEqual([
      {
        rule: 'R-GRAPHQL-PROP',
        severity: 'error',
        file: 'subject.yaml',
        line: 33,
        message:
          'The property name 2nd_collection of subject starts with a digit, which GraphQL does not allow.',
        expected: 'a name that starts with a letter or an underscore.'
      }
    ])
  })
})

describe('one error per mistake from the metaschema', () => {
  function error(
    instancePath: string,
    keyword: string,
    params: Record<string, unknown> = {}
  ): ErrorObject {
    return { instancePath, keyword, params, schemaPath: '#' }
  }

  it('keeps the most telling error of an anyOf that failed at the value itself', () => {
    expect(
      simplify([
        error('/properties/a/type', 'enum'),
        error('/properties/a/type', 'type', { type: 'array' }),
        error('/properties/a/type', 'anyOf')
      ]).map((item) => item.keyword)
    ).toEqual(['enum'])
  })

  it('keeps the errors deeper inside the value when an anyOf failed', () => {
    expect(
      simplify([
        error('/properties/h/additionalProperties', 'type', {
          type: 'boolean'
        }),
        error('/properties/h/additionalProperties/type', 'enum'),
        error('/properties/h/additionalProperties/type', 'type'),
        error('/properties/h/additionalProperties/type', 'anyOf'),
        error('/properties/h/additionalProperties', 'anyOf'),
        error('/category', 'pattern')
      ]).map((item) => [item.instancePath, item.keyword])
    ).toEqual([
      ['/category', 'pattern'],
      ['/properties/h/additionalProperties/type', 'enum']
    ])
  })
})
