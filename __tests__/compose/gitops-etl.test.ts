import { readFileSync } from 'node:fs'

import { describe, expect, it } from '@jest/globals'

import { checkEtlMapping } from '../../src/compose/etl-mapping.js'
import { checkGitops } from '../../src/compose/gitops.js'
import { describeWithShared, fixture } from '../fixtures/shared.js'

describe('checking gitops.json', () => {
  const file = 'gen3/config/gitops.json'

  it('accepts a JSON object', () => {
    expect(checkGitops(file, '{ "gaTrackingId": "" }\n')).toEqual([])
  })

  it('reports invalid JSON at its line and column', () => {
    expect(checkGitops(file, '{\n  "a": 1,\n  "b": }\n')).toEqual([
      {
        severity: 'error',
        file,
        line: 3,
        column: 8,
        message: 'not valid JSON: a value was expected'
      }
    ])
  })

  it('reports a trailing comma and a comment, which JSON does not allow', () => {
    expect(checkGitops(file, '{\n  "a": 1,\n}\n')[0]).toMatchObject({
      line: 3,
      message: 'not valid JSON: a property name in double quotes was expected'
    })
    expect(checkGitops(file, '// portal\n{}\n')[0]).toMatchObject({
      line: 1,
      message: 'not valid JSON: JSON has no comments'
    })
  })

  it('wants an object', () => {
    expect(checkGitops(file, '[]')).toEqual([
      {
        severity: 'error',
        file,
        line: 1,
        message: "gitops.json must be a JSON object, the portal's settings"
      }
    ])
  })
})

describe('checking etlMapping.yaml', () => {
  const file = 'gen3/config/etlMapping.yaml'

  it('reports a mapping without its type, doc_type or root', () => {
    const text = 'mappings:\n  - name: etl\n    type: aggregate\n'

    expect(
      checkEtlMapping(file, text).map((finding) => [
        finding.line,
        finding.message
      ])
    ).toEqual([
      [2, "mapping 'etl' needs a doc_type"],
      [2, "mapping 'etl' needs a root"],
      [3, "mapping 'etl' needs a type of aggregator or collector"]
    ])
  })

  it('wants a mappings list of named mappings', () => {
    expect(checkEtlMapping(file, 'etl: {}\n')[0]?.message).toBe(
      'etlMapping.yaml must have a mappings list'
    )
    expect(
      checkEtlMapping(file, 'mappings:\n  - doc_type: case\n')[0]
    ).toMatchObject({
      line: 2,
      message: 'a mapping needs a name, the index it builds'
    })
  })
})

describeWithShared("upstream's portal and ETL settings", () => {
  it('pass the checks', () => {
    const templates = (name: string) =>
      readFileSync(fixture('compose-services', 'templates', name), 'utf8')

    expect(checkGitops('gitops.json', templates('gitops.json'))).toEqual([])
    expect(
      checkEtlMapping('etlMapping.yaml', templates('etlMapping.yaml'))
    ).toEqual([])
  })
})
