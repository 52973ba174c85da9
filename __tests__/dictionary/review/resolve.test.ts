import { describe, expect, it } from '@jest/globals'

import { resolveFile } from '../../../src/dictionary/review/resolve.js'

const definitions = {
  UUID: { type: 'string', pattern: '^[a-f0-9-]{36}$' },
  state: { enum: ['validated', 'submitted'], default: 'validated' },
  ubiquitous_properties: {
    id: { $ref: '#/UUID', systemAlias: 'node_id' },
    state: { $ref: '#/state' }
  },
  file_properties: {
    $ref: '#/ubiquitous_properties',
    file_size: { type: 'integer' }
  }
}

describe('resolving $refs over a compiled dictionary', () => {
  it('merges the referenced mapping, resolving its own refs against its file', () => {
    const { value, problems } = resolveFile(
      {
        '_definitions.yaml': definitions,
        'sample.yaml': {
          properties: {
            $ref: '_definitions.yaml#/ubiquitous_properties',
            volume: { type: 'number' }
          }
        }
      },
      'sample.yaml'
    )

    expect(value).toEqual({
      properties: {
        volume: { type: 'number' },
        id: {
          systemAlias: 'node_id',
          type: 'string',
          pattern: '^[a-f0-9-]{36}$'
        },
        state: { enum: ['validated', 'submitted'], default: 'validated' }
      }
    })
    expect(problems).toEqual([])
  })

  it('lets the referenced content win over a sibling of the same name', () => {
    const { value } = resolveFile(
      {
        '_definitions.yaml': definitions,
        'sample.yaml': {
          state: { $ref: '_definitions.yaml#/state', default: 'submitted' }
        }
      },
      'sample.yaml'
    )

    expect(value).toEqual({
      state: { default: 'validated', enum: ['validated', 'submitted'] }
    })
  })

  it('follows every key that starts with $ref, in order', () => {
    const { value } = resolveFile(
      {
        '_definitions.yaml': definitions,
        'read.yaml': {
          properties: {
            $ref_ubiq: '_definitions.yaml#/ubiquitous_properties',
            $ref_file: '_definitions.yaml#/file_properties'
          }
        }
      },
      'read.yaml'
    )

    expect(Object.keys((value as { properties: object }).properties)).toEqual([
      'id',
      'state',
      'file_size'
    ])
  })

  it('resolves #/pointer inside the file being resolved, a node file included', () => {
    const { value } = resolveFile(
      {
        'sample.yaml': {
          definitions: { kind: { enum: ['a', 'b'] } },
          properties: { sample_kind: { $ref: '#/definitions/kind' } }
        }
      },
      'sample.yaml'
    )

    expect(value).toMatchObject({
      properties: { sample_kind: { enum: ['a', 'b'] } }
    })
  })

  it('decodes ~1, ~0 and percent escapes in pointers', () => {
    const { value } = resolveFile(
      {
        '_definitions.yaml': {
          'a/b': { 'c~d': { 'e f': { type: 'string' } } }
        },
        'x.yaml': { p: { $ref: '_definitions.yaml#/a~1b/c~0d/e%20f' } }
      },
      'x.yaml'
    )

    expect(value).toEqual({ p: { type: 'string' } })
  })

  it.each([
    [
      'names no file of the dictionary',
      { p: { $ref: '_definition.yaml#/UUID' } },
      'x.yaml: $ref _definition.yaml#/UUID names no file of the dictionary'
    ],
    [
      'has no #',
      { p: { $ref: '_definitions.yaml' } },
      'x.yaml: $ref "_definitions.yaml" is not "<file>#<pointer>"'
    ],
    [
      'points at nothing',
      { p: { $ref: '_definitions.yaml#/uuid' } },
      'x.yaml: $ref _definitions.yaml#/uuid does not point at a mapping'
    ],
    [
      'refers to itself',
      { loop: { $ref: '#/loop' } },
      'x.yaml: $ref #/loop refers to itself'
    ]
  ])('drops a reference that %s and says so', (_what, node, problem) => {
    const { value, problems } = resolveFile(
      { '_definitions.yaml': definitions, 'x.yaml': node },
      'x.yaml'
    )

    expect(problems).toEqual([problem])
    expect(JSON.stringify(value)).not.toContain('$ref')
  })
})
