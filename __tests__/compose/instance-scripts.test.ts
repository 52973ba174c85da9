import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, expect, it } from '@jest/globals'
import { parse } from 'yaml'

import { renderFenceOverlay } from '../../src/compose/fence-config.js'
import {
  describeWithShared,
  fixture,
  repositoryRoot
} from '../fixtures/shared.js'

const domain = 'gen3.example.org'
const scripts = path.join(repositoryRoot, 'templates', 'instance')
const clientId = 'client-1234.apps.googleusercontent.com'
const clientSecret = 'GOCSPX-not-a-real-secret'

function run(script: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync('bash', [path.join(scripts, script), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env }
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

/**
 * A compose-services folder as creds_setup.sh leaves it for a domain, from
 * the real upstream files: templates copied to Secrets/, localhost replaced
 * by the domain, an encryption key made.
 */
function composeServices(root: string): string {
  const compose = path.join(root, 'compose-services')
  mkdirSync(compose)
  cpSync(
    fixture('compose-services', 'nginx.conf'),
    path.join(compose, 'nginx.conf')
  )
  cpSync(
    fixture('compose-services', 'templates'),
    path.join(compose, 'templates'),
    {
      recursive: true
    }
  )
  cpSync(
    fixture('compose-services', 'templates'),
    path.join(compose, 'Secrets'),
    {
      recursive: true
    }
  )
  for (const name of [
    'fence-config.yaml',
    'peregrine_creds.json',
    'sheepdog_creds.json'
  ]) {
    const file = path.join(compose, 'Secrets', name)
    chmodSync(file, 0o644)
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replaceAll('localhost', domain)
    )
  }
  const fence = path.join(compose, 'Secrets', 'fence-config.yaml')
  writeFileSync(
    fence,
    readFileSync(fence, 'utf8').replace(
      "ENCRYPTION_KEY: ''",
      "ENCRYPTION_KEY: 'bm90LWEtcmVhbC1rZXktYnV0LTMyLWJ5dGVzLWxvbmc='"
    )
  )
  return compose
}

describeWithShared("behind-alb.sh on upstream's nginx.conf", () => {
  let root: string
  let compose: string

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'gen3-poc-alb-'))
    compose = composeServices(root)
  })

  afterEach(() => {
    rmSync(root, { recursive: true, force: true })
  })

  const nginx = () => readFileSync(path.join(compose, 'nginx.conf'), 'utf8')
  const upstream = () =>
    readFileSync(fixture('compose-services', 'nginx.conf'), 'utf8')

  it('listens on 80 only, keeps https in redirects, turns guppy off and changes nothing else', () => {
    const result = run('behind-alb.sh', [
      compose,
      domain,
      path.join(root, 'state')
    ])

    expect(result.stderr).toBe('')
    expect(result.stdout).toBe(
      [
        'nginx: no longer listens on 443; TLS ends at the load balancer',
        'nginx: redirects are now relative, so they keep https',
        'nginx: the guppy route is off until the ETL has run',
        'restart: revproxy-service',
        `peregrine_creds.json: hostname is already ${domain}`,
        `sheepdog_creds.json: hostname is already ${domain}`,
        ''
      ].join('\n')
    )

    const before = upstream().split('\n')
    const after = nginx().split('\n')
    expect(after.filter((line) => !before.includes(line))).toEqual([
      '        absolute_redirect off;  # gen3-poc: redirects keep the https the browser used',
      '        # listen 443 ssl;  # gen3-poc: TLS ends at the load balancer',
      '            return 503 "guppy is off until the ETL has run";  # gen3-poc: guppy off'
    ])
    expect(before.filter((line) => !after.includes(line))).toEqual([
      '        listen 443 ssl;',
      '            proxy_pass http://guppy-service/;'
    ])
    expect(nginx()).toContain('        listen       80;\n')
    expect(nginx()).not.toMatch(/return\s+301/)
  })

  it('says that all is already done the second time, and changes nothing', () => {
    run('behind-alb.sh', [compose, domain, path.join(root, 'state')])
    const once = nginx()

    const again = run('behind-alb.sh', [
      compose,
      domain,
      path.join(root, 'state')
    ])

    expect(again.stdout).toBe(
      [
        'nginx: already listens on port 80 only',
        'nginx: redirects are already relative',
        'nginx: the guppy route is already off until the ETL has run',
        `peregrine_creds.json: hostname is already ${domain}`,
        `sheepdog_creds.json: hostname is already ${domain}`,
        ''
      ].join('\n')
    )
    expect(nginx()).toBe(once)
  })

  it('turns the guppy route on again once the ETL has run', () => {
    const state = path.join(root, 'state')
    run('behind-alb.sh', [compose, domain, state])
    mkdirSync(state)
    writeFileSync(path.join(state, 'guppy-enabled'), '')

    const result = run('behind-alb.sh', [compose, domain, state])

    expect(result.stdout).toContain(
      'nginx: the guppy route is on again\nrestart: revproxy-service\n'
    )
    expect(nginx()).toContain(
      '        location /guppy/ {\n            proxy_pass http://guppy-service/;\n        }'
    )
  })

  it('sets the public host name for peregrine and sheepdog when it differs', () => {
    const result = run('behind-alb.sh', [
      compose,
      'gen3.other.org',
      path.join(root, 'state')
    ])

    expect(result.stdout).toContain(
      'peregrine_creds.json: hostname set to gen3.other.org\nrestart: peregrine-service\n'
    )
    expect(result.stdout).toContain(
      'sheepdog_creds.json: hostname set to gen3.other.org\nrestart: sheepdog-service\n'
    )
    const creds = JSON.parse(
      readFileSync(path.join(compose, 'Secrets', 'sheepdog_creds.json'), 'utf8')
    ) as Record<string, string>
    expect(creds.hostname).toBe('gen3.other.org')
    expect(creds.indexd_password).toBe('indexd_client_pass')
  })

  /** Upstream's nginx.conf with these lines after its server_name. */
  function withRedirect(lines: string[]): string {
    const text = upstream().replace(
      '        server_name  revproxy-service;\n',
      `        server_name  revproxy-service;\n${lines.join('\n')}\n`
    )
    writeFileSync(path.join(compose, 'nginx.conf'), text)
    return text
  }

  it('refuses an unconditional redirect to https, which would loop behind the load balancer, before changing anything', () => {
    const text = withRedirect(['        return 301 https://$host$request_uri;'])

    const result = run('behind-alb.sh', [compose, domain])

    expect(result.status).toBe(1)
    expect(result.stderr).toBe(
      `behind-alb.sh: ${compose}/nginx.conf redirects every request to https: behind the load balancer, which speaks HTTP to port 80, that loops; redirect only when $http_x_forwarded_proto is http, or leave it to the load balancer\n`
    )
    expect(nginx()).toBe(text)
  })

  it('accepts a redirect only for requests the load balancer received over http', () => {
    withRedirect([
      '        if ($http_x_forwarded_proto = "http") {',
      '            return 301 https://$host$request_uri;',
      '        }',
      '        # return 301 https://$host$request_uri;'
    ])

    const result = run('behind-alb.sh', [compose, domain])

    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
  })

  it('leaves an nginx.conf that is not upstream alone', () => {
    writeFileSync(path.join(compose, 'nginx.conf'), 'events {}\nhttp {}\n')

    const result = run('behind-alb.sh', [compose, domain])

    expect(result.status).toBe(1)
    expect(result.stderr).toBe(
      `behind-alb.sh: ${compose}/nginx.conf has no 'listen 443 ssl;' line: it is not upstream's, so it was left alone\n`
    )
    expect(nginx()).toBe('events {}\nhttp {}\n')
  })
})

describeWithShared("render-fence-config.sh over upstream's settings", () => {
  let root: string
  let compose: string
  let base: string
  let overlay: string
  let target: string
  const secrets = {
    GEN3_POC_OAUTH_CLIENT_ID: clientId,
    GEN3_POC_OAUTH_CLIENT_SECRET: clientSecret
  }

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'gen3-poc-fence-'))
    compose = composeServices(root)
    base = path.join(root, 'fence-config.base.yaml')
    cpSync(path.join(compose, 'Secrets', 'fence-config.yaml'), base)
    overlay = path.join(root, 'overlay.yaml')
    target = path.join(compose, 'Secrets', 'fence-config.yaml')
  })

  afterEach(() => {
    rmSync(root, { recursive: true, force: true })
  })

  it("merges the centre's settings and the OAuth client over upstream's, keeping the rest", () => {
    writeFileSync(
      overlay,
      renderFenceOverlay(
        "APP_NAME: 'UMCCR Gen3'\nDEBUG: false\nOPENID_CONNECT:\n  google:\n    mock_default_user: 'test@example.org'\n",
        'gen3.example.org'
      )
    )

    const result = run(
      'render-fence-config.sh',
      [base, overlay, target],
      secrets
    )

    expect(result.stderr).toBe('')
    expect(result.stdout).toBe(
      "fence-config.yaml: rendered from upstream's settings, 4 of the centre's and the OAuth client from SSM\n"
    )
    const upstream = parse(readFileSync(base, 'utf8')) as Record<
      string,
      unknown
    >
    const rendered = parse(readFileSync(target, 'utf8')) as Record<
      string,
      unknown
    >
    const openid = upstream.OPENID_CONNECT as Record<
      string,
      Record<string, unknown>
    >
    expect(rendered).toEqual({
      ...upstream,
      APP_NAME: 'UMCCR Gen3',
      DEBUG: false,
      BASE_URL: 'https://gen3.example.org/user',
      OPENID_CONNECT: {
        ...openid,
        google: {
          ...openid.google,
          client_id: clientId,
          client_secret: clientSecret,
          mock_default_user: 'test@example.org'
        }
      }
    })
    expect(rendered.ENCRYPTION_KEY).toBe(
      'bm90LWEtcmVhbC1rZXktYnV0LTMyLWJ5dGVzLWxvbmc='
    )
    expect(readFileSync(`${target}.previous`, 'utf8')).toBe(
      readFileSync(base, 'utf8')
    )
  })

  it('leaves the file alone when it is already as rendered', () => {
    writeFileSync(overlay, renderFenceOverlay(undefined, 'gen3.example.org'))
    run('render-fence-config.sh', [base, overlay, target], secrets)
    const once = readFileSync(target, 'utf8')

    const again = run(
      'render-fence-config.sh',
      [base, overlay, target],
      secrets
    )

    expect(again.stdout).toBe(
      "fence-config.yaml: already rendered from upstream's settings, 1 of the centre's and the OAuth client from SSM\n"
    )
    expect(readFileSync(target, 'utf8')).toBe(once)
  })

  it('keeps the OAuth client out of its output', () => {
    writeFileSync(overlay, renderFenceOverlay(undefined, 'gen3.example.org'))

    const result = run(
      'render-fence-config.sh',
      [base, overlay, target],
      secrets
    )

    expect(result.stdout + result.stderr).not.toContain(clientSecret)
    expect(result.stdout + result.stderr).not.toContain(clientId)
  })
})

describeWithShared(
  'apply-config.sh with stand-ins for docker and the AWS CLI',
  () => {
    let root: string
    let compose: string
    let config: string
    let state: string
    let calls: string
    let env: Record<string, string>
    const args = [
      '--region',
      'us-east-1',
      '--client-id-parameter',
      '/gen3-poc/gen3-poc/oauth-client-id',
      '--client-secret-parameter',
      '/gen3-poc/gen3-poc/oauth-client-secret'
    ]

    beforeEach(() => {
      root = mkdtempSync(path.join(tmpdir(), 'gen3-poc-apply-'))
      compose = composeServices(root)
      config = path.join(root, 'config')
      state = path.join(root, 'state')
      mkdirSync(config)
      mkdirSync(state)
      cpSync(
        path.join(compose, 'Secrets', 'fence-config.yaml'),
        path.join(state, 'fence-config.base.yaml')
      )
      writeFileSync(
        path.join(config, 'fence-config.yaml'),
        renderFenceOverlay(undefined, domain)
      )

      const bin = path.join(root, 'bin')
      calls = path.join(root, 'calls')
      mkdirSync(bin)
      writeFileSync(
        path.join(bin, 'aws'),
        [
          '#!/bin/sh',
          `echo "aws $*" >> "${calls}"`,
          'case "$*" in',
          `  *oauth-client-id*) printf '%s\\n' '${clientId}' ;;`,
          `  *oauth-client-secret*) printf '%s\\n' '${clientSecret}' ;;`,
          'esac',
          ''
        ].join('\n'),
        { mode: 0o755 }
      )
      writeFileSync(
        path.join(bin, 'docker'),
        [
          '#!/bin/sh',
          `echo "docker $*" >> "${calls}"`,
          'case "$*" in',
          '  "compose ps --services --status running") [ -n "$STACK_STOPPED" ] || printf "fence-service\\nportal-service\\n" ;;',
          'esac',
          ''
        ].join('\n'),
        { mode: 0o755 }
      )
      env = { PATH: `${bin}:${process.env.PATH ?? ''}` }
    })

    afterEach(() => {
      rmSync(root, { recursive: true, force: true })
    })

    const apply = (extra: string[], more: Record<string, string> = {}) =>
      run(
        'apply-config.sh',
        [
          ...args,
          '--compose-dir',
          compose,
          '--config-dir',
          config,
          '--state-dir',
          state,
          ...extra
        ],
        { ...env, ...more }
      )

    it('installs the changed files, restarts their services and syncs users', () => {
      writeFileSync(path.join(config, 'user.yaml'), 'users: {}\n')
      const before = readFileSync(
        path.join(compose, 'Secrets', 'user.yaml'),
        'utf8'
      )

      const result = apply([
        '--restart',
        'fence-service',
        '--restart',
        'tube-service',
        '--sync-users'
      ])

      expect(result.stderr).toBe('')
      expect(result.status).toBe(0)
      expect(
        readFileSync(path.join(compose, 'Secrets', 'user.yaml'), 'utf8')
      ).toBe('users: {}\n')
      expect(
        readFileSync(
          path.join(compose, 'Secrets', 'user.yaml.previous'),
          'utf8'
        )
      ).toBe(before)
      expect(readFileSync(calls, 'utf8').split('\n')).toEqual([
        'aws ssm get-parameter --region us-east-1 --name /gen3-poc/gen3-poc/oauth-client-id --with-decryption --query Parameter.Value --output text',
        'aws ssm get-parameter --region us-east-1 --name /gen3-poc/gen3-poc/oauth-client-secret --with-decryption --query Parameter.Value --output text',
        'docker compose ps --services --status running',
        'docker compose restart fence-service tube-service',
        'docker exec fence-service curl -sf http://localhost/_status',
        'docker exec fence-service fence-create sync --arborist http://arborist-service --yaml user.yaml',
        ''
      ])
      const fence = parse(
        readFileSync(path.join(compose, 'Secrets', 'fence-config.yaml'), 'utf8')
      ) as { OPENID_CONNECT: { google: Record<string, string> } }
      expect(fence.OPENID_CONNECT.google.client_secret).toBe(clientSecret)
      expect(result.stdout + result.stderr).not.toContain(clientSecret)
      expect(result.stdout + result.stderr).not.toContain(clientId)
    })

    it('brings the stack up again for an override', () => {
      writeFileSync(
        path.join(config, 'docker-compose.override.yml'),
        'services: {}\n'
      )

      apply(['--recreate'])

      expect(
        readFileSync(path.join(compose, 'docker-compose.override.yml'), 'utf8')
      ).toBe('services: {}\n')
      expect(readFileSync(calls, 'utf8')).toContain('docker compose up -d\n')
    })

    it('restarts nothing when the stack is not running', () => {
      const result = apply(['--restart', 'fence-service'], {
        STACK_STOPPED: '1'
      })

      expect(result.stdout).toContain(
        'The stack is not running: the configuration takes effect when it starts\n'
      )
      expect(readFileSync(calls, 'utf8')).not.toContain('restart')
    })

    it("puts upstream's file back when the repository no longer has it", () => {
      writeFileSync(
        path.join(compose, 'Secrets', 'gitops.json'),
        '{"custom": true}\n'
      )
      writeFileSync(path.join(config, 'gitops.json'), '{"custom": true}\n')

      apply(['--remove', 'gitops.json'])

      expect(
        readFileSync(path.join(compose, 'Secrets', 'gitops.json'), 'utf8')
      ).toBe(
        readFileSync(
          fixture('compose-services', 'templates', 'gitops.json'),
          'utf8'
        )
      )
      expect(existsSync(path.join(config, 'gitops.json'))).toBe(false)
      expect(existsSync(path.join(config, 'gitops.json.previous'))).toBe(true)
    })

    it('says to run deploy when compose-services is not installed', () => {
      rmSync(path.join(compose, 'Secrets'), { recursive: true })

      const result = apply([])

      expect(result.status).toBe(69)
      expect(result.stderr).toBe(
        `compose-services is not installed in ${compose}: run the deploy command first\n`
      )
    })
  }
)
