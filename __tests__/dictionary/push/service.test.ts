import { readFileSync } from 'node:fs'

import { beforeAll, describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'

import {
  dictionaryReaders,
  dictionaryUsers
} from '../../../src/dictionary/push/scripts.js'
import {
  containerConfigPath,
  dictionaryComposeOverride,
  dictionaryServiceConfig,
  dictionaryUrl,
  schemaFileName
} from '../../../src/dictionary/push/service.js'
import { describeWithShared, fixture } from '../../fixtures/shared.js'

const override = dictionaryComposeOverride()

describe('the dictionary service', () => {
  it('points sheepdog, peregrine and tube at it inside the compose network', () => {
    expect(dictionaryUrl).toBe('http://dictionary-service/schema.json')
    for (const service of [
      'sheepdog-service',
      'peregrine-service',
      'tube-service'
    ]) {
      expect([service, override.services[service]?.environment]).toEqual([
        service,
        { DICTIONARY_URL: dictionaryUrl }
      ])
    }
  })

  it('is started before the services that read it at their start', () => {
    expect(override.services['sheepdog-service']?.depends_on).toEqual([
      'dictionary-service'
    ])
    expect(override.services['peregrine-service']?.depends_on).toEqual([
      'dictionary-service'
    ])
  })

  it('runs nginx on the configuration that is pushed with the dictionary', () => {
    const service = override.services['dictionary-service']

    expect(service?.entrypoint).toEqual([
      'nginx',
      '-c',
      containerConfigPath,
      '-g',
      'daemon off;'
    ])
    expect(service?.volumes).toEqual([
      './dictionary-service:/srv/dictionary:ro'
    ])
    expect(containerConfigPath).toBe('/srv/dictionary/nginx.conf')
    expect(dictionaryServiceConfig()).toContain('root /srv/dictionary/public;')
    expect(dictionaryServiceConfig()).toContain('location = /schema.json {')
  })

  it('names each version after its checksum', () => {
    expect(schemaFileName('0123456789abcdef0123456789abcdef')).toBe(
      'schema-0123456789abcdef.json'
    )
  })
})

describeWithShared(
  'the override against the upstream docker-compose.yml',
  () => {
    interface Upstream {
      services: Record<string, { container_name?: string }>
      networks: Record<string, unknown>
    }
    let upstream: Upstream

    beforeAll(() => {
      upstream = parse(
        readFileSync(fixture('compose-services', 'docker-compose.yml'), 'utf8')
      ) as Upstream
    })

    it('adds to services that exist, by the names docker compose knows them', () => {
      const added = Object.keys(override.services).filter(
        (name) => name !== 'dictionary-service'
      )

      for (const name of added) {
        expect([name, upstream.services[name]?.container_name]).toEqual([
          name,
          name
        ])
      }
    })

    it('joins the network the services share', () => {
      expect(Object.keys(upstream.networks)).toEqual(
        override.services['dictionary-service']?.networks
      )
    })

    it('names the containers the scripts restart as upstream does', () => {
      for (const name of [
        ...dictionaryReaders,
        ...dictionaryUsers,
        'revproxy-service'
      ]) {
        expect([name, upstream.services[name]?.container_name]).toEqual([
          name,
          name
        ])
      }
    })
  }
)
