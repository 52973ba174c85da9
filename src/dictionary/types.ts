/**
 * The shapes of a dictionary once it passes validation. Before that, the
 * data is whatever the YAML says: read it as `unknown` and narrow it.
 */

export type Multiplicity =
  'one_to_one' | 'one_to_many' | 'many_to_one' | 'many_to_many'

/** An edge from this node to `target_type`, and back through `backref`. */
export interface Link {
  name: string
  backref: string
  label: string
  target_type: string
  multiplicity: Multiplicity
  required: boolean
}

/** Links of which at least one (`required`) or at most one (`exclusive`) is given. */
export interface LinkSubgroup {
  exclusive: boolean
  required: boolean
  subgroup: (Link | LinkSubgroup)[]
}

/** A draft-04 JSON Schema for one property, with Gen3's extras. */
export interface PropertySchema {
  type?: string | string[]
  enum?: (string | null)[]
  description?: string
  items?: PropertySchema
  oneOf?: PropertySchema[]
  anyOf?: PropertySchema[]
  term?: Record<string, unknown>
  systemAlias?: string
  [keyword: string]: unknown
}

/** One node type, as a resolved schema (`$ref`s merged). */
export interface NodeSchema {
  id: string
  title: string
  category: string
  program: string
  project: string
  description?: string
  submittable?: boolean
  validators: null | unknown[]
  systemProperties: string[]
  links: (Link | LinkSubgroup)[]
  required?: string[]
  uniqueKeys: string[][]
  properties: Record<string, PropertySchema>
  [key: string]: unknown
}

/** `_settings.yaml` in schema.json, stamped. */
export interface Settings {
  enable_case_cache?: boolean
  _dict_commit: string
  _dict_version: string
  [key: string]: unknown
}

/**
 * schema.json: a key per top-level file name (`"sample.yaml"`) holding that
 * file's data with its `$ref`s as written, and the stamped settings.
 */
export interface CompiledSchema {
  '_settings.yaml': Settings
  [file: string]: unknown
}

export function isSubgroup(link: unknown): link is LinkSubgroup {
  return typeof link === 'object' && link !== null && 'subgroup' in link
}
