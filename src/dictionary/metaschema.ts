import AjvDraft04, {
  type ErrorObject,
  type ValidateFunction
} from 'ajv-draft-04'

const field = { type: 'string', pattern: '^[_a-zA-Z0-9]*$' }
const multiplicity = {
  type: 'string',
  enum: ['one_to_one', 'one_to_many', 'many_to_one', 'many_to_many']
}

/**
 * Gen3's node metaschema, as dictionaryutils/schemas/metaschema.yaml states
 * it (uc-cdis/dictionaryutils @ 64f9804, unchanged since 2018), with three
 * deliberate differences that change no verdict:
 * - `category` keeps only its `$ref` to the field pattern: in draft-04 a
 *   `$ref` makes its sibling `enum` ignored, so Gen3 never enforces it;
 * - `links` is only required to be a list here: each item is checked on its
 *   own against `link` or `link_subgroup` (see linkSchemas), which names the
 *   actual mistake where a `oneOf` over both would not;
 * - `unique_keys` and `system_properties` are left out: they type keys no
 *   node has (the nodes' keys are uniqueKeys and systemProperties).
 */
export const nodeMetaschema = {
  allOf: [{ $ref: 'http://json-schema.org/draft-04/schema#' }],
  required: [
    'category',
    'program',
    'project',
    'uniqueKeys',
    'links',
    'validators',
    'systemProperties',
    'id'
  ],
  definitions: {
    field,
    validator_def: {
      type: 'object',
      required: ['property', 'function'],
      properties: {
        link_to_type: { type: 'string' },
        multiplicity
      }
    }
  },
  properties: {
    category: { $ref: '#/definitions/field' },
    submittable: { type: 'boolean' },
    validators: {
      type: ['array', 'null'],
      items: { $ref: '#/definitions/validator_def' }
    },
    properties: {
      type: 'object',
      patternProperties: { '^[_a-zA-Z0-9]*$': { type: 'object' } },
      additionalProperties: false
    },
    links: { type: 'array' }
  }
}

/** A plain link and a subgroup of links; a subgroup's items are checked one by one as well. */
export const linkSchemas = {
  link: {
    type: 'object',
    additionalProperties: false,
    required: [
      'name',
      'target_type',
      'backref',
      'label',
      'multiplicity',
      'required'
    ],
    properties: {
      name: field,
      target_type: field,
      backref: field,
      label: field,
      multiplicity,
      required: { type: 'boolean' }
    }
  },
  subgroup: {
    required: ['exclusive', 'required', 'subgroup'],
    properties: {
      exclusive: { type: 'boolean' },
      required: { type: 'boolean' },
      subgroup: { type: 'array' }
    }
  }
}

export interface Validators {
  node: ValidateFunction
  link: ValidateFunction
  subgroup: ValidateFunction
}

let compiled: Validators | undefined

/** The validators, compiled once: compiling costs more than validating a dictionary. */
export function validators(): Validators {
  if (!compiled) {
    // Formats are not checked: Gen3 validates dictionaries without a format checker.
    const ajv = new AjvDraft04.default({
      allErrors: true,
      strict: false,
      validateFormats: false
    })
    compiled = {
      node: ajv.compile(nodeMetaschema),
      link: ajv.compile(linkSchemas.link),
      subgroup: ajv.compile(linkSchemas.subgroup)
    }
  }
  return compiled
}

export type { ErrorObject }
