import { readFileSync } from 'node:fs'

import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'

import { checkComposeOverride } from '../../src/compose/compose-override.js'
import { upstreamServices } from '../../src/compose/upstream.js'
import { describeWithShared, fixture } from '../fixtures/shared.js'

const file = 'gen3/config/docker-compose.override.yml'

function findings(text: string) {
  return checkComposeOverride(file, text).map(
    ({ severity, line, message }) => ({
      severity,
      line,
      message
    })
  )
}

describe('checking a docker-compose.override.yml', () => {
  it('accepts settings for upstream services', () => {
    const text = [
      'services:',
      '  jupyter-service:',
      '    environment:',
      '      - FRAME_ANCESTORS=https://gen3.example.org',
      '  portal-service:',
      '    environment:',
      '      APP: gitops',
      ''
    ].join('\n')

    expect(findings(text)).toEqual([])
  })

  it('reports a service that upstream does not have, with the name it most likely meant', () => {
    expect(
      findings('services:\n  fence:\n    environment: [GEN3_DEBUG=False]\n')
    ).toEqual([
      {
        severity: 'error',
        line: 2,
        message:
          "service 'fence' is not in upstream's docker-compose.yml, and has no image to run as a new one; did you mean 'fence-service'?"
      }
    ])
  })

  it('notes a new service that brings its own image', () => {
    expect(
      findings('services:\n  pgadmin:\n    image: dpage/pgadmin4:8\n')
    ).toEqual([
      {
        severity: 'notice',
        line: 2,
        message:
          "service 'pgadmin' is not in upstream's docker-compose.yml: it is added as a new service"
      }
    ])
  })

  it('reports a setting compose does not know', () => {
    expect(
      findings('services:\n  fence-service:\n    enviroment: [A=1]\n')
    ).toEqual([
      {
        severity: 'error',
        line: 3,
        message:
          "service 'fence-service' has no setting 'enviroment' in the Compose Specification; did you mean 'environment'?"
      }
    ])
  })

  it('reports settings of the wrong shape', () => {
    const text =
      'services:\n  postgres:\n    environment: POSTGRES_PASSWORD=x\n    ports: 5432:5432\n'

    expect(findings(text)).toEqual([
      {
        severity: 'error',
        line: 3,
        message: "environment of service 'postgres' must be a list or a mapping"
      },
      {
        severity: 'error',
        line: 4,
        message: "ports of service 'postgres' must be a list"
      }
    ])
  })

  it('reports a file that is not a compose file', () => {
    expect(findings('- postgres\n')).toEqual([
      {
        severity: 'error',
        line: 1,
        message:
          'docker-compose.override.yml must be a compose file: a mapping with a services section'
      }
    ])
    expect(findings('service:\n  postgres: {}\n')).toEqual([
      {
        severity: 'error',
        line: 1,
        message:
          "'service' is not a top-level key of a compose file; did you mean 'services'?"
      }
    ])
    expect(findings('services:\n  - postgres\n')).toEqual([
      {
        severity: 'error',
        line: 2,
        message: 'services must map service names to their settings'
      }
    ])
    expect(findings('services:\n  postgres: 5432\n')).toEqual([
      {
        severity: 'error',
        line: 2,
        message: "service 'postgres' must map settings to their values"
      }
    ])
  })

  it('lets x- extensions through', () => {
    expect(
      findings('x-common: &c {}\nservices:\n  postgres:\n    x-note: kept\n')
    ).toEqual([])
  })
})

describeWithShared("upstream's compose files", () => {
  it('list exactly the services the checks know', () => {
    const compose = parse(
      readFileSync(fixture('compose-services', 'docker-compose.yml'), 'utf8')
    ) as { services: Record<string, unknown> }

    expect([...upstreamServices]).toEqual(Object.keys(compose.services))
  })

  it("pass the checks as an override, upstream's own sample included", () => {
    for (const name of [
      'docker-compose.yml',
      'docker-compose.override.sample.yml'
    ]) {
      const text = readFileSync(fixture('compose-services', name), 'utf8')

      expect(findings(text)).toEqual([])
    }
  })
})
