import { describe, expect, it } from '@jest/globals'

import { differencesFromLive } from '../../../src/dictionary/push/live.js'
import {
  parseStates,
  readinessOf
} from '../../../src/dictionary/push/states.js'

const services = ['sheepdog-service', 'peregrine-service']

function readiness(stdout: string) {
  return readinessOf(parseStates(stdout), services)
}

describe('telling whether recreated services came up', () => {
  it('reads the lines docker inspect prints', () => {
    expect([
      ...parseStates(
        '/sheepdog-service running healthy 0\n/tube-service running none 2\n'
      )
    ]).toEqual([
      [
        'sheepdog-service',
        { status: 'running', health: 'healthy', restarts: 0 }
      ],
      ['tube-service', { status: 'running', health: 'none', restarts: 2 }]
    ])
  })

  it('is ready when every service runs and is healthy', () => {
    expect(
      readiness(
        '/sheepdog-service running healthy 0\n/peregrine-service running healthy 0'
      )
    ).toEqual({ kind: 'ready' })
  })

  it('counts a running service without a healthcheck as ready', () => {
    expect(
      readinessOf(parseStates('/tube-service running none 0'), ['tube-service'])
    ).toEqual({ kind: 'ready' })
  })

  it('waits while a healthcheck has not passed yet, saying which', () => {
    expect(
      readiness(
        '/sheepdog-service running starting 0\n/peregrine-service created none 0'
      )
    ).toEqual({
      kind: 'pending',
      missing:
        'sheepdog-service is running (starting), peregrine-service is created'
    })
  })

  it.each([
    ['/sheepdog-service exited none 0', 'sheepdog-service exited'],
    ['/sheepdog-service dead none 0', 'sheepdog-service dead'],
    [
      '/sheepdog-service running starting 3',
      'sheepdog-service restarted 3 times'
    ],
    ['/sheepdog-service running unhealthy 0', 'sheepdog-service is unhealthy'],
    ['', 'sheepdog-service does not exist']
  ])('fails on %j', (line, reason) => {
    expect(readiness(`${line}\n/peregrine-service running healthy 0`)).toEqual({
      kind: 'failed',
      reason
    })
  })
})

describe('comparing the live dictionary with the pushed one', () => {
  const pushed = {
    '_definitions.yaml': {},
    '_settings.yaml': { _dict_commit: 'abc', _dict_version: '1.0' },
    'program.yaml': { id: 'program' },
    'sample.yaml': { id: 'sample' }
  }
  const served = {
    program: {},
    sample: {},
    root: {},
    data_release: {},
    metaschema: {},
    _definitions: {},
    _settings: { _dict_version: '1.0', _dict_commit: 'abc' }
  }

  it('finds no difference when sheepdog serves the pushed nodes and settings', () => {
    expect(differencesFromLive(pushed, served)).toEqual([])
  })

  it('names the nodes missing and the nodes that should not be there', () => {
    const withoutSample: Record<string, unknown> = { ...served }
    delete withoutSample.sample

    expect(
      differencesFromLive(pushed, { ...withoutSample, case: {}, aliquot: {} })
    ).toEqual([
      'nodes missing: sample',
      'nodes not in the pushed dictionary: aliquot, case'
    ])
  })

  it('tells an older dictionary with the same nodes by its settings stamp', () => {
    expect(
      differencesFromLive(pushed, {
        ...served,
        _settings: { _dict_commit: 'old', _dict_version: '0.9' }
      })
    ).toEqual([
      '_settings differ: {"_dict_commit":"old","_dict_version":"0.9"} is served, {"_dict_commit":"abc","_dict_version":"1.0"} was pushed'
    ])
  })

  it('says when the answer is not a dictionary', () => {
    expect(differencesFromLive(pushed, ['program'])).toEqual([
      'the answer is not a JSON object'
    ])
  })
})
