import { loadDictionary } from '../../src/dictionary/load.js'
import type { ReportedFinding } from '../../src/dictionary/findings.js'
import { validateDictionary } from '../../src/dictionary/validate.js'

/**
 * A small valid dictionary written for these tests (program, project,
 * subject, sample), shaped like uc-cdis/datadictionary. Each rule's test
 * breaks it in one place; line numbers in the tests count from these texts.
 */
export const minimal: Readonly<Record<string, string>> = {
  '_definitions.yaml': `id: _definitions
UUID:
  term:
    $ref: "_terms.yaml#/UUID"
  type: string
  pattern: "^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$"
foreign_key_project:
  type: object
  additionalProperties: true
  properties:
    id:
      $ref: "#/UUID"
    code:
      type: string
to_one_project:
  anyOf:
    - type: array
      items:
        $ref: "#/foreign_key_project"
        minItems: 1
        maxItems: 1
    - $ref: "#/foreign_key_project"
foreign_key:
  type: object
  additionalProperties: true
  properties:
    id:
      $ref: "#/UUID"
    submitter_id:
      type: string
to_one:
  anyOf:
    - type: array
      items:
        $ref: "#/foreign_key"
        minItems: 1
        maxItems: 1
    - $ref: "#/foreign_key"
to_many:
  anyOf:
    - type: array
      items:
        $ref: "#/foreign_key"
        minItems: 1
    - $ref: "#/foreign_key"
datetime:
  oneOf:
    - type: string
      format: date-time
    - type: "null"
  description: >
    A combination of date and time of day in the form [-]CCYY-MM-DDThh:mm:ss[Z|(+|-)hh:mm]
ubiquitous_properties:
  type:
    type: string
  id:
    $ref: "#/UUID"
    systemAlias: node_id
  submitter_id:
    type: string
  state:
    enum: [uploading, validated, submitted]
  project_id:
    type: string
  created_datetime:
    $ref: "#/datetime"
  updated_datetime:
    $ref: "#/datetime"
`,
  '_terms.yaml': `id: _terms
UUID:
  description: A 128-bit identifier.
sample_type:
  description: The kind of sample.
`,
  '_settings.yaml': `enable_case_cache: false
`,
  'program.yaml': `$schema: "http://json-schema.org/draft-04/schema#"
id: program
title: Program
type: object
category: administrative
program: '*'
project: '*'
additionalProperties: false
submittable: false
validators: null
systemProperties:
  - id
required:
  - name
  - dbgap_accession_number
uniqueKeys:
  - [id]
  - [name]
links: []
properties:
  type:
    type: string
  id:
    $ref: "_definitions.yaml#/UUID"
    systemAlias: node_id
  name:
    type: string
  dbgap_accession_number:
    type: string
`,
  'project.yaml': `$schema: "http://json-schema.org/draft-04/schema#"
id: project
title: Project
type: object
category: administrative
program: '*'
project: '*'
additionalProperties: false
submittable: true
validators: null
systemProperties:
  - id
  - state
required:
  - code
  - name
  - dbgap_accession_number
  - programs
uniqueKeys:
  - [id]
  - [code]
links:
  - name: programs
    backref: projects
    label: member_of
    target_type: program
    multiplicity: many_to_one
    required: true
properties:
  type:
    type: string
  id:
    $ref: "_definitions.yaml#/UUID"
    systemAlias: node_id
  name:
    type: string
  code:
    type: string
  dbgap_accession_number:
    type: string
  availability_type:
    enum: [Open, Restricted]
  state:
    enum: [open, closed]
  programs:
    $ref: "_definitions.yaml#/to_one"
`,
  'subject.yaml': `$schema: "http://json-schema.org/draft-04/schema#"
id: subject
title: Subject
type: object
category: administrative
program: '*'
project: '*'
additionalProperties: false
submittable: true
validators: null
systemProperties:
  - id
  - project_id
  - state
  - created_datetime
  - updated_datetime
required:
  - submitter_id
  - type
  - projects
uniqueKeys:
  - [id]
  - [project_id, submitter_id]
links:
  - name: projects
    backref: subjects
    label: member_of
    target_type: project
    multiplicity: many_to_one
    required: true
properties:
  $ref: "_definitions.yaml#/ubiquitous_properties"
  age_at_enrollment:
    type: integer
    minimum: 0
  projects:
    $ref: "_definitions.yaml#/to_one_project"
`,
  'sample.yaml': `$schema: "http://json-schema.org/draft-04/schema#"
id: sample
title: Sample
type: object
category: biospecimen
program: '*'
project: '*'
additionalProperties: false
submittable: true
validators: null
systemProperties:
  - id
  - project_id
  - state
  - created_datetime
  - updated_datetime
required:
  - submitter_id
  - type
  - subjects
uniqueKeys:
  - [id]
  - [project_id, submitter_id]
links:
  - name: subjects
    backref: samples
    label: derived_from
    target_type: subject
    multiplicity: many_to_one
    required: true
properties:
  $ref: "_definitions.yaml#/ubiquitous_properties"
  sample_type:
    term:
      $ref: "_terms.yaml#/sample_type"
    enum:
      - Blood
      - Tissue
  subjects:
    $ref: "_definitions.yaml#/to_one"
`
}

/** The minimal dictionary with some files replaced (text) or removed (undefined). */
export function withFiles(
  changes: Record<string, string | undefined>
): Record<string, string> {
  const merged = { ...minimal, ...changes }
  return Object.fromEntries(
    Object.entries(merged).filter(
      (entry): entry is [string, string] => entry[1] !== undefined
    )
  )
}

/** The minimal dictionary with one file edited: `from` must occur in it exactly once. */
export function edited(
  name: string,
  from: string,
  to: string
): Record<string, string> {
  const text = minimal[name]
  if (text === undefined)
    throw new Error(`the minimal dictionary has no ${name}`)
  const count = text.split(from).length - 1
  if (count !== 1) {
    throw new Error(`${JSON.stringify(from)} occurs ${count} times in ${name}`)
  }
  return withFiles({ [name]: text.replace(from, to) })
}

export interface Seen {
  rule: string
  severity: string
  file?: string
  line?: number
  message: string
  expected: string
}

/** The findings of a dictionary, in the shape tests compare, without the portal advice every small dictionary gets. */
export function check(
  files: Record<string, string>,
  options: { strict?: boolean; ignored?: string[] } = {}
): Seen[] {
  const dictionary = loadDictionary({
    files,
    ...(options.ignored && { ignored: options.ignored })
  })
  return validateDictionary(dictionary, { strict: options.strict ?? false })
    .filter((item) => item.rule !== 'R-PORTAL-NODES')
    .map(seen)
}

export function seen(item: ReportedFinding): Seen {
  return {
    rule: item.rule,
    severity: item.severity,
    ...(item.place && { file: item.place.file }),
    ...(item.place?.line !== undefined && { line: item.place.line }),
    message: item.message,
    expected: item.expected
  }
}

/** The findings of one rule. */
export function checkRule(
  rule: string,
  files: Record<string, string>,
  options: { strict?: boolean; ignored?: string[] } = {}
): Seen[] {
  return check(files, options).filter((item) => item.rule === rule)
}
