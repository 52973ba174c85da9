import { readFileSync } from 'node:fs'

import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'

import {
  checkFenceOverrides,
  renderFenceOverlay
} from '../../src/compose/fence-config.js'
import { upstreamFenceSettings } from '../../src/compose/upstream.js'
import { describeWithShared, fixture } from '../fixtures/shared.js'

const file = 'gen3/config/fence-config.yaml'
const domain = 'gen3.example.org'

function findings(text: string) {
  return checkFenceOverrides(file, text, domain).map(
    ({ severity, line, column, message }) => ({
      severity,
      line,
      column,
      message
    })
  )
}

describe("checking a centre's fence settings", () => {
  it('accepts settings that upstream has, in their shapes', () => {
    const text = [
      "APP_NAME: 'UMCCR Gen3'",
      'DEBUG: false',
      'LOGIN_OPTIONS:',
      "  - name: 'Login from Google'",
      '    idp: google',
      'OPENID_CONNECT:',
      '  google:',
      "    client_id: ''",
      'S3_BUCKETS:',
      '  umccr-gen3-dev:',
      "    cred: 'CRED1'",
      ''
    ].join('\n')

    expect(findings(text)).toEqual([])
  })

  it('accepts an empty file', () => {
    expect(findings('')).toEqual([])
    expect(findings('# nothing to change\n')).toEqual([])
  })

  it('reports an unknown setting at its line, with the one it most likely meant', () => {
    expect(
      findings("DEBUG: false\nBASE_ULR: 'https://gen3.example.org/user'\n")
    ).toEqual([
      {
        severity: 'error',
        line: 2,
        column: 1,
        message:
          "unknown fence setting 'BASE_ULR': upstream's fence-config.yaml has no such setting; did you mean 'BASE_URL'?"
      }
    ])
  })

  it('reports an unknown setting without a guess when nothing is close', () => {
    expect(findings('LOGIN_REDIRECT_WHITELIST: []\n')).toEqual([
      {
        severity: 'error',
        line: 1,
        column: 1,
        message:
          "unknown fence setting 'LOGIN_REDIRECT_WHITELIST': upstream's fence-config.yaml has no such setting"
      }
    ])
  })

  it('reports a BASE_URL that is not the commons own address', () => {
    expect(findings("BASE_URL: 'https://localhost/user'\n")).toEqual([
      {
        severity: 'error',
        line: 1,
        column: 11,
        message:
          "BASE_URL must be 'https://gen3.example.org/user', the commons' own address, or be left out: it is set for you"
      }
    ])
  })

  it('refuses the encryption key, which the instance makes', () => {
    expect(findings("ENCRYPTION_KEY: 'abc='\n")).toEqual([
      {
        severity: 'error',
        line: 1,
        column: 1,
        message:
          'ENCRYPTION_KEY is made on the instance by creds_setup.sh and must not be in the repository; remove it'
      }
    ])
  })

  it('refuses OAuth client secrets in the repository', () => {
    const text = [
      'OPENID_CONNECT:',
      '  google:',
      "    client_id: 'abc.apps.googleusercontent.com'",
      "    client_secret: 'hunter2'",
      '  orcid:',
      "    client_id: 'APP-123'",
      "    client_secret: 'xyz'",
      ''
    ].join('\n')

    expect(
      findings(text).map((finding) => [finding.line, finding.message])
    ).toEqual([
      [
        3,
        'OPENID_CONNECT.google.client_id must not be in the repository: pass it as the oauth-client-id input from a GitHub secret'
      ],
      [
        4,
        'OPENID_CONNECT.google.client_secret must not be in the repository: pass it as the oauth-client-secret input from a GitHub secret'
      ],
      [
        7,
        'OPENID_CONNECT.orcid.client_secret must not be in the repository: pass it from a GitHub secret'
      ]
    ])
  })

  it('reports a value of another shape than upstream gives it', () => {
    expect(
      findings('OPENID_CONNECT: google\nLOGIN_OPTIONS: {}\nDEBUG: [1]\n')
    ).toEqual([
      {
        severity: 'error',
        line: 1,
        column: 17,
        message:
          "OPENID_CONNECT must be a mapping, as in upstream's fence-config.yaml"
      },
      {
        severity: 'error',
        line: 2,
        column: 16,
        message:
          "LOGIN_OPTIONS must be a list, as in upstream's fence-config.yaml"
      },
      {
        severity: 'error',
        line: 3,
        column: 8,
        message:
          "DEBUG must be a single value, as in upstream's fence-config.yaml"
      }
    ])
  })

  it('wants a mapping', () => {
    expect(findings('- DEBUG\n')).toEqual([
      {
        severity: 'error',
        line: 1,
        column: 1,
        message:
          'fence-config.yaml must map fence settings to the values that replace upstream ones'
      }
    ])
  })
})

describe('rendering the fence settings pushed to the instance', () => {
  it('sets BASE_URL to the commons address and keeps the centre settings', () => {
    const rendered = parse(
      renderFenceOverlay('DEBUG: false # quieter\n', domain)
    ) as unknown

    expect(rendered).toEqual({
      DEBUG: false,
      BASE_URL: 'https://gen3.example.org/user'
    })
  })

  it('renders BASE_URL alone when the centre has no fence settings', () => {
    expect(parse(renderFenceOverlay(undefined, domain))).toEqual({
      BASE_URL: 'https://gen3.example.org/user'
    })
    expect(parse(renderFenceOverlay('# none\n', domain))).toEqual({
      BASE_URL: 'https://gen3.example.org/user'
    })
  })
})

describeWithShared("upstream's fence-config.yaml", () => {
  const template = () =>
    readFileSync(
      fixture('compose-services', 'templates', 'fence-config.yaml'),
      'utf8'
    )

  it('has exactly the settings the checks know', () => {
    const settings = parse(template()) as Record<string, unknown>

    expect(Object.keys(upstreamFenceSettings)).toEqual(Object.keys(settings))
  })

  it('passes the checks itself, except what must not be in a repository', () => {
    const messages = checkFenceOverrides(file, template(), 'localhost').map(
      (finding) => finding.message
    )

    expect(messages).toEqual([
      'ENCRYPTION_KEY is made on the instance by creds_setup.sh and must not be in the repository; remove it'
    ])
  })
})
