/**
 * Every check the dictionary goes through; summaries are Markdown, for the README. The ids and stages follow the
 * reference tooling: uc-cdis/dictionaryutils (loader, metaschema and its
 * tests), gen3datamodel (the ORM sheepdog and peregrine build at start) and
 * data-simulator; "runtime" rules are failures no reference test catches.
 */

/** Where the reference tooling would catch a problem, if at all. */
export type Stage =
  | 'yaml' // PyYAML reading the file
  | 'load' // dictionaryutils loading and resolving, or compiling schema.json
  | 'metaschema' // dictionaryutils schema_test.validate_schemata
  | 'tests' // dictionaryutils tests/*.py
  | 'datamodel' // gen3datamodel building the ORM at service start
  | 'simulator' // data-simulator's graph validation
  | 'runtime' // only when the services run; no reference check

/**
 * How a finding relates to what Gen3 accepts: `fails` is rejected by Gen3's
 * own tools or crashes a service, so it is always an error; `loose` passes
 * Gen3's tools but breaks later or hides a mistake, a warning unless strict;
 * `advice` is always a warning.
 */
export type Strictness = 'fails' | 'loose' | 'advice'

export interface Rule {
  id: string
  stage: Stage
  /** The kinds of finding it makes, the usual one first. */
  strictness: readonly Strictness[]
  summary: string
}

function rule(
  id: string,
  stage: Stage,
  strictness: readonly Strictness[],
  summary: string
): Rule {
  return { id, stage, strictness, summary }
}

export const rules = [
  rule(
    'R-YAML-PARSE',
    'yaml',
    ['fails'],
    'Every top-level `.yaml` file is valid YAML 1.1 (no tabs for indentation, one document, plain keys, UTF-8).'
  ),
  rule(
    'R-YAML-DUPLICATE-KEY',
    'yaml',
    ['loose'],
    'A key appears once per mapping; Gen3 silently keeps the last value.'
  ),
  rule(
    'R-YAML-IMPLICIT-TYPE',
    'yaml',
    ['advice'],
    'Unquoted values YAML 1.1 reads differently than they look: `yes`/`no`/`on`/`off` are booleans, `012` is octal, `1:30` is 90, `1e5` is text.'
  ),
  rule(
    'R-YAML-KEY-TYPE',
    'yaml',
    ['fails'],
    'Mapping keys are text: an unquoted `yes`, `no`, `on`, `off`, `null` or number as a key breaks the loader.'
  ),
  rule(
    'R-FILES-GLOB',
    'load',
    ['advice'],
    'Only top-level `*.yaml` files are read: `.yml` files are ignored, `metaschema.yaml` is copied but never used.'
  ),
  rule(
    'R-SETTINGS-MAP',
    'load',
    ['fails'],
    '`_settings.yaml`, when present, is a mapping.'
  ),
  rule(
    'R-JSON-SAFE',
    'load',
    ['fails'],
    'Nothing `schema.json` cannot hold: unquoted dates and timestamps, `.inf` or `.nan`.'
  ),
  rule(
    'R-NODE-HAS-ID',
    'load',
    ['fails'],
    'Every top-level `.yaml` file other than `_definitions`, `_terms`, `_settings` and `metaschema` is a node: a mapping with an `id`.'
  ),
  rule(
    'R-NODE-ID-UNIQUE',
    'load',
    ['fails'],
    'No two files declare the same node id.'
  ),
  rule(
    'R-REF-SYNTAX',
    'load',
    ['fails'],
    'Every key starting with `$ref` holds text of the form `file.yaml#/path` or `#/path`.'
  ),
  rule(
    'R-REF-FILE',
    'load',
    ['fails'],
    'The file a `$ref` names is a top-level `.yaml` file of the dictionary.'
  ),
  rule(
    'R-REF-POINTER',
    'load',
    ['fails'],
    'The path a `$ref` names exists, holds a mapping, and does not lead back to itself.'
  ),
  rule(
    'R-BUILTIN-DEFS',
    'load',
    ['fails'],
    '`_definitions.yaml` exists with `UUID`, `datetime` and `to_one`, which the built-in `data_release` node uses.'
  ),
  rule(
    'R-LINKS-FORM',
    'load',
    ['fails'],
    '`links` is a list of mappings, `subgroup` is a list, and every link has `required`.'
  ),
  rule(
    'R-META-REQUIRED',
    'metaschema',
    ['fails'],
    'A node has `id`, `category`, `program`, `project`, `uniqueKeys`, `links`, `validators` and `systemProperties`.'
  ),
  rule(
    'R-META-DRAFT4',
    'metaschema',
    ['fails'],
    'A node, `$ref`s resolved, is a valid draft-04 JSON Schema: text descriptions, non-empty unique `required` and `enum` lists, known type names.'
  ),
  rule(
    'R-META-CATEGORY',
    'metaschema',
    ['fails'],
    '`category` is text of letters, digits and underscores.'
  ),
  rule(
    'R-PROP-NAME',
    'metaschema',
    ['fails'],
    'Property names are letters, digits and underscores, and each property is a mapping.'
  ),
  rule(
    'R-LINK-SHAPE',
    'metaschema',
    ['fails'],
    'A link has exactly `name`, `backref`, `label`, `target_type`, `multiplicity` and `required`; a subgroup has `exclusive`, `required` and `subgroup`.'
  ),
  rule(
    'R-VALIDATORS',
    'metaschema',
    ['fails'],
    '`validators` is null or an empty list: sheepdog has no validator to run.'
  ),
  rule(
    'R-SUBMITTABLE',
    'metaschema',
    ['fails'],
    '`submittable`, when present, is true or false.'
  ),
  rule(
    'R-LINK-IS-PROP',
    'metaschema',
    ['fails'],
    'Every link name is also a key of `properties`.'
  ),
  rule(
    'R-GRAPHQL-PROP',
    'metaschema',
    ['fails'],
    'Property names are GraphQL names: they do not start with a digit.'
  ),
  rule(
    'R-ROOT-NODES',
    'tests',
    ['fails'],
    'The nodes `program` and `project` exist.'
  ),
  rule(
    'R-PROGRAM',
    'tests',
    ['fails'],
    '`program` has the properties `id` and `type`, and requires `dbgap_accession_number`.'
  ),
  rule(
    'R-PROJECT',
    'tests',
    ['fails'],
    '`project` has `availability_type`, `code`, `dbgap_accession_number`, `id` and `type`, and requires `dbgap_accession_number`.'
  ),
  rule(
    'R-UBIQUITOUS',
    'tests',
    ['fails'],
    'Other nodes have `id`, `type`, `submitter_id`, `created_datetime` and `updated_datetime` and require `submitter_id` and `type`; `internal` nodes require `type`.'
  ),
  rule(
    'R-FILE-NODE',
    'tests',
    ['fails'],
    'A `*_file` node has `data_type`, `data_format`, `data_category`, `object_id` and `core_metadata_collections`, and requires the first three.'
  ),
  rule(
    'R-ID-FILENAME',
    'tests',
    ['fails'],
    'A file that has an `id` is named after it: `sample.yaml` has `id: sample`.'
  ),
  rule(
    'R-ENUM-NO-TYPE',
    'tests',
    ['fails'],
    'A property with an `enum` has no `type`.'
  ),
  rule(
    'R-ARRAY-ITEMS',
    'tests',
    ['fails'],
    'A property of type `array` says what its `items` are.'
  ),
  rule(
    'R-FILE-SIZE-INT',
    'tests',
    ['fails'],
    '`file_size` is of type `integer`.'
  ),
  rule(
    'R-LINK-FK-SHAPE',
    'tests',
    ['fails'],
    "A link's property is a `to_one`/`to_many` reference whose keys are properties of the target node."
  ),
  rule(
    'R-ENUM-STRINGS',
    'tests',
    ['fails'],
    '`enum` values are text (quote Yes, No, numbers and dates).'
  ),
  rule('R-ID-LOWER', 'tests', ['fails'], 'A node id is lower case.'),
  rule(
    'R-ID-LENGTH',
    'tests',
    ['fails', 'loose'],
    'A node id has at most 40 characters besides underscores: PostgreSQL names an index `node_<id>__sysan__props_idx` and cuts at 63 (an error over 46, which Gen3 tests refuse; a warning from 41).'
  ),
  rule(
    'R-LINK-TARGET',
    'datamodel',
    ['fails'],
    'Every link `target_type`, in subgroups too, is a node id.'
  ),
  rule(
    'R-BACKREF-UNIQUE',
    'datamodel',
    ['fails', 'loose'],
    'On each node, link names and the backrefs of links pointing at it are all different (an error when they clash; a warning for two links of one node with the same name, or a backref named like a property).'
  ),
  rule(
    'R-TABLE-UNIQUE',
    'datamodel',
    ['fails'],
    'Node ids, and source-label-target triples of links, stay different once underscores are removed (they name tables).'
  ),
  rule(
    'R-PROP-TYPES',
    'datamodel',
    ['fails'],
    'Property types are `string`, `number`, `integer`, `boolean`, `null` or `array`.'
  ),
  rule('R-TITLE', 'datamodel', ['fails'], 'Every node has a `title`.'),
  rule(
    'R-REQUIRED-LINK',
    'simulator',
    ['fails'],
    'Every node but `program` and `project` has a required link (or a required subgroup) to a node other than `program`.'
  ),
  rule(
    'R-REQ-IN-PROPS',
    'simulator',
    ['fails'],
    'Everything listed in `required` is a property.'
  ),
  rule(
    'R-PROP-DATATYPE',
    'simulator',
    ['fails'],
    'Every property has a usable data type: a `type`, an `enum` of text, `oneOf`/`anyOf`, or a date-time definition.'
  ),
  rule(
    'R-REQUIRED-CYCLE',
    'runtime',
    ['loose'],
    'Required links do not go round in a circle, which would leave no record submittable first.'
  ),
  rule(
    'R-GRAPHQL-NAMES',
    'runtime',
    ['loose'],
    'Node ids, link names and backrefs are GraphQL names, which peregrine makes into types and fields.'
  ),
  rule(
    'R-UNIQUEKEYS-PROPS',
    'runtime',
    ['loose'],
    '`uniqueKeys` is a list of lists of property names.'
  ),
  rule(
    'R-SYSTEM-PROPS',
    'runtime',
    ['loose'],
    '`systemProperties` names properties of the node.'
  ),
  rule(
    'R-CASE-CACHE',
    'runtime',
    ['advice'],
    'Without a `case` node, `_settings.yaml` sets `enable_case_cache: false` (older peregrine fails to start otherwise, uc-cdis/peregrine#30).'
  ),
  rule(
    'R-PORTAL-NODES',
    'runtime',
    ['advice'],
    "compose-services' default portal configuration expects the nodes `case`, `experiment` and `aliquot`."
  )
] as const satisfies readonly Rule[]

export type RuleId = (typeof rules)[number]['id']

export const ruleById: ReadonlyMap<string, Rule> = new Map(
  rules.map((entry) => [entry.id, entry])
)

/** The severities a rule's findings take, without and with strict: "error", "warning", or "error or warning". */
export function severities(entry: Rule): { normal: string; strict: string } {
  const of = (strict: boolean) =>
    [
      ...new Set(
        entry.strictness.map((kind) =>
          kind === 'fails' || (kind === 'loose' && strict) ? 'error' : 'warning'
        )
      )
    ].join(' or ')
  return { normal: of(false), strict: of(true) }
}
