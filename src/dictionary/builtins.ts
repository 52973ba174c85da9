/**
 * The two nodes dictionaryutils adds to every dictionary it loads, from its
 * own package (uc-cdis/dictionaryutils, dictionaryutils/schemas/root.yaml and
 * data_release.yaml at 64f9804487de6652fc9b9624665678668441f3e6, Apache-2.0).
 * They take part in the graph (links, backrefs, tables) and resolve their
 * $refs against the centre's _definitions.yaml, but schema.json never holds
 * them. A centre file of the same name replaces them.
 */
export const builtinFiles: Readonly<Record<string, string>> = {
  'root.yaml': `$schema: "http://json-schema.org/draft-04/schema#"
id: "root"
title: Root
type: object
program: '*'
project: '*'
root: '*'
category: internal
additionalProperties: false
submittable: false
validators: null
systemProperties:
  - id
required:
  - type
uniqueKeys:
  - [id]
links: []
constraints: null
properties:
  type:
    type: string
  id:
    enum:
      - "root"
  schema_version:
    type: string
`,
  'data_release.yaml': `$schema: "http://json-schema.org/draft-04/schema#"
id: "data_release"
title: Data Release
type: object
namespace: http://gdc.nci.nih.gov
program: '*'
project: '*'
category: internal
description: >
  Internal node to store different data releases.
additionalProperties: false
submittable: false
validators: null
systemProperties:
  - id
  - created_datetime
  - updated_datetime
links:
  - name: roots
    backref: data_releases
    label: describes
    target_type: root
    multiplicity: many_to_one
    required: true
required:
  - name
  - major_version
  - minor_version
  - type
uniqueKeys:
  - [id]
properties:
  type:
    enum: [ "data_release" ]
  id:
    $ref: "_definitions.yaml#/UUID"
    systemAlias: node_id
  created_datetime:
    $ref: "_definitions.yaml#/datetime"
  updated_datetime:
    $ref: "_definitions.yaml#/datetime"
  name:
    description: >
      String representing release name.
    type: string
  major_version:
    description: >
      The number identifying the major version.
    type: integer
  minor_version:
    description: >
      The number identifying the minor version.
    type: integer
  release_date:
    $ref: "_definitions.yaml#/datetime"
  released:
    description: >
      Indicates if it is the current release.
    type: boolean
    default: false
  roots:
    $ref: "_definitions.yaml#/to_one"
`
}

/** Files that are never nodes (dictionaryutils DataDictionary.exclude). */
export const specialFiles: ReadonlySet<string> = new Set([
  'metaschema.yaml',
  '_definitions.yaml',
  '_terms.yaml',
  '_settings.yaml'
])
