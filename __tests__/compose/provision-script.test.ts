import { spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, expect, it } from '@jest/globals'

import { renderFenceOverlay } from '../../src/compose/fence-config.js'
import { upstreamRef } from '../../src/compose/upstream.js'
import {
  describeWithShared,
  fixture,
  repositoryRoot
} from '../fixtures/shared.js'

const domain = 'gen3.example.org'
const olderCommit = '0123456789abcdef0123456789abcdef01234567'
const clientId = 'client-from-ssm.apps.googleusercontent.com'
const clientSecret = 'GOCSPX-from-ssm'

/** The real interpreter behind `python3`, which has PyYAML. */
const python3 = spawnSync(
  'python3',
  ['-c', 'import sys; print(sys.executable)'],
  { encoding: 'utf8' }
).stdout.trim()

/** A stand-in command that logs its arguments, then runs this body. */
function standIn(bin: string, name: string, calls: string, body: string[]) {
  writeFileSync(
    path.join(bin, name),
    ['#!/bin/bash', `echo "${name} $*" >> "${calls}"`, ...body, ''].join('\n'),
    { mode: 0o755 }
  )
}

/**
 * What upstream's creds_setup.sh does that provisioning relies on: the
 * templates copied into Secrets/, localhost replaced by the domain, and an
 * ENCRYPTION_KEY made with a bare `python`, left empty without one.
 */
const credsSetup = [
  '#!/bin/bash',
  'set -e',
  '[ -d ./templates ] || exit 1',
  'mkdir -p Secrets',
  'cp -n templates/* Secrets/',
  'sed -i "s/localhost/$1/g" Secrets/fence-config.yaml Secrets/*_creds.json',
  "if key=$(python -c 'import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())' 2>/dev/null); then",
  `  sed -i "s/^ENCRYPTION_KEY: ''/ENCRYPTION_KEY: '$key'/" Secrets/fence-config.yaml`,
  'fi',
  ''
].join('\n')

describeWithShared(
  'provision.sh on a fresh instance, with stand-ins for the system',
  () => {
    let root: string
    let calls: string
    let state: string
    let env: Record<string, string>

    beforeEach(() => {
      root = mkdtempSync(path.join(tmpdir(), 'gen3-poc-provision-sh-'))
      const bin = path.join(root, 'stand-ins')
      const upstream = path.join(root, 'upstream')
      state = path.join(root, 'system-state')
      calls = path.join(root, 'calls')
      for (const folder of [
        bin,
        state,
        path.join(state, 'packages'),
        path.join(state, 'enabled'),
        path.join(state, 'active'),
        path.join(root, 'etc', 'sysctl.d'),
        path.join(root, 'etc', 'systemd', 'system')
      ]) {
        mkdirSync(folder, { recursive: true })
      }
      writeFileSync(calls, '')

      mkdirSync(upstream)
      for (const name of ['nginx.conf', 'docker-compose.yml']) {
        cpSync(fixture('compose-services', name), path.join(upstream, name))
      }
      cpSync(
        fixture('compose-services', 'templates'),
        path.join(upstream, 'templates'),
        { recursive: true }
      )
      writeFileSync(path.join(upstream, 'creds_setup.sh'), credsSetup)

      const config = path.join(root, 'opt', 'gen3-poc', 'config')
      mkdirSync(config, { recursive: true })
      writeFileSync(path.join(config, 'user.yaml'), 'users: {}\n')
      writeFileSync(
        path.join(config, 'fence-config.yaml'),
        renderFenceOverlay(undefined, domain)
      )
      // The other scripts sit beside provision.sh, as on the instance.
      const tools = path.join(root, 'opt', 'gen3-poc', 'bin')
      cpSync(path.join(repositoryRoot, 'templates', 'instance'), tools, {
        recursive: true
      })

      symlinkSync(python3, path.join(bin, 'python3'))
      const plugin = `${root}/usr/local/lib/docker/cli-plugins/docker-compose`
      standIn(bin, 'rpm', calls, [`[ -e "${state}/packages/$2" ]`])
      standIn(bin, 'dnf', calls, [
        'shift 3',
        `for package in "$@"; do touch "${state}/packages/$package"; done`
      ])
      standIn(bin, 'systemctl', calls, [
        'case "$1" in',
        `  is-enabled) [ -e "${state}/enabled/$3" ] ;;`,
        `  is-active) [ -e "${state}/active/$3" ] ;;`,
        `  enable) if [ "$2" = --now ]; then touch "${state}/active/$4"; fi; touch "${state}/enabled/\${!#}" ;;`,
        `  start | restart) touch "${state}/active/$2"; printf 'fence-service\\nportal-service\\n' > "${state}/running" ;;`,
        'esac'
      ])
      standIn(bin, 'docker', calls, [
        'case "$*" in',
        `  "compose version"*) [ -x "${plugin}" ] && { [ "$3" != --short ] || echo 2.29.7; } ;;`,
        `  "compose ps --services --status running") cat "${state}/running" 2>/dev/null || true ;;`,
        `  "compose ps --services --status exited") cat "${state}/exited" 2>/dev/null || true ;;`,
        '  "compose ps --format"*) echo "SERVICE STATUS" ;;',
        'esac'
      ])
      standIn(bin, 'curl', calls, [
        'out=$5 url=$6',
        'case "$url" in',
        '  *.sha256) printf \'%s  docker-compose\\n\' "$(sha256sum "$(dirname "$out")/docker-compose" | cut -d" " -f1)" > "$out" ;;',
        '  *) printf \'the compose plugin\\n\' > "$out" ;;',
        'esac'
      ])
      standIn(bin, 'sysctl', calls, [
        'case "$1" in',
        `  -n) cat "${state}/max_map_count" 2>/dev/null || echo 65530 ;;`,
        `  -q) echo "\${3#*=}" > "${state}/max_map_count" ;;`,
        'esac'
      ])
      standIn(bin, 'git', calls, [
        'case "$1" in',
        `  clone) cp -r "${upstream}" "$4"; mkdir "$4/.git"; echo ${olderCommit} > "$4/.git/head" ;;`,
        '  rev-parse) cat .git/head ;;',
        '  checkout) echo "$5" > .git/head ;;',
        'esac'
      ])
      standIn(bin, 'aws', calls, [
        'case "$*" in',
        `  *oauth-client-id*) echo ${clientId} ;;`,
        `  *oauth-client-secret*) echo ${clientSecret} ;;`,
        'esac'
      ])

      env = {
        PATH: `${bin}:/usr/bin:/bin`,
        GEN3_POC_ROOT: root,
        HOME: root
      }
    })

    afterEach(() => {
      rmSync(root, { recursive: true, force: true })
    })

    function provision() {
      const result = spawnSync(
        'bash',
        [
          path.join(root, 'opt', 'gen3-poc', 'bin', 'provision.sh'),
          '--domain',
          domain,
          '--ref',
          upstreamRef,
          '--region',
          'eu-west-1',
          '--client-id-parameter',
          '/gen3-poc/gen3-poc/oauth-client-id',
          '--client-secret-parameter',
          '/gen3-poc/gen3-poc/oauth-client-secret'
        ],
        { encoding: 'utf8', env }
      )
      return {
        status: result.status,
        stdout: result.stdout,
        stderr: result.stderr
      }
    }

    /** The lines each step printed, without the step headings. */
    const said = (stdout: string) =>
      stdout
        .split('\n')
        .filter((line) => line !== '' && !line.startsWith('== '))
        .map((line) => line.replaceAll(root, '<root>'))

    const steps = (stdout: string) =>
      [...stdout.matchAll(/^== (.+) \(\d+ s\)$/gm)].map((match) => match[1])

    it('installs everything the first time, saying what each step did', () => {
      const result = provision()

      expect(result.stderr).toBe('')
      expect(result.status).toBe(0)
      expect(steps(result.stdout)).toEqual([
        'Packages',
        'Docker',
        'Kernel setting for Elasticsearch',
        `compose-services at ${upstreamRef}`,
        'Credentials (creds_setup.sh)',
        'Settings for running behind the load balancer',
        "The centre's configuration",
        'The gen3-compose.service unit',
        'Starting the stack',
        'Done'
      ])
      expect(said(result.stdout)).toEqual([
        'installed docker git openssl python3 python3-pyyaml tar gzip',
        'python now runs python3',
        'docker is enabled at boot and running',
        'installed the compose plugin v2.29.7, its SHA-256 checked',
        'wrote <root>/etc/sysctl.d/99-gen3-elasticsearch.conf, which keeps vm.max_map_count across reboots',
        'vm.max_map_count is now 262144',
        'cloned https://github.com/uc-cdis/compose-services.git into <root>/opt/gen3/compose-services',
        `checked out ${upstreamRef} (was ${olderCommit})`,
        `ran creds_setup.sh for ${domain}`,
        "kept upstream's fence settings in <root>/opt/gen3-poc/state/fence-config.base.yaml, to render fence-config.yaml from",
        'nginx: no longer listens on 443; TLS ends at the load balancer',
        'nginx: redirects are now relative, so they keep https',
        'nginx: the guppy route is off until the ETL has run',
        'restart: revproxy-service',
        `peregrine_creds.json: hostname is already ${domain}`,
        `sheepdog_creds.json: hostname is already ${domain}`,
        '<root>/opt/gen3/compose-services/Secrets/user.yaml: installed',
        "fence-config.yaml: rendered from upstream's settings, 1 of the centre's and the OAuth client from SSM",
        'The stack is not running: the configuration takes effect when it starts',
        'installed <root>/etc/systemd/system/gen3-compose.service',
        'gen3-compose.service now brings the stack up at boot',
        'pulled the images',
        'started gen3-compose.service',
        'SERVICE STATUS'
      ])
      expect(
        readFileSync(
          path.join(
            root,
            'opt/gen3/compose-services/Secrets/fence-config.yaml'
          ),
          'utf8'
        )
      ).toMatch(/^ENCRYPTION_KEY: '?[A-Za-z0-9_-]{43}='?$/m)
      expect(result.stdout).not.toContain(clientSecret)
    })

    it('says each step was already done the second time, and pulls, clones and starts nothing', () => {
      expect(provision().status).toBe(0)
      writeFileSync(calls, '')

      const again = provision()

      expect(again.stderr).toBe('')
      expect(again.status).toBe(0)
      expect(said(again.stdout)).toEqual([
        'docker, git, openssl, python3 and PyYAML are already installed',
        'python is already there: <root>/usr/local/bin/python',
        'docker is already enabled and running',
        'the compose plugin is already installed: 2.29.7',
        '<root>/etc/sysctl.d/99-gen3-elasticsearch.conf already keeps vm.max_map_count across reboots',
        'vm.max_map_count is already 262144',
        '<root>/opt/gen3/compose-services is already a clone',
        `already at ${upstreamRef}`,
        'Secrets/ already holds the keys and certificates for fence and nginx',
        "upstream's fence settings are already kept in <root>/opt/gen3-poc/state/fence-config.base.yaml",
        'nginx: already listens on port 80 only',
        'nginx: redirects are already relative',
        'nginx: the guppy route is already off until the ETL has run',
        `peregrine_creds.json: hostname is already ${domain}`,
        `sheepdog_creds.json: hostname is already ${domain}`,
        '<root>/opt/gen3/compose-services/Secrets/user.yaml: already up to date',
        "fence-config.yaml: already rendered from upstream's settings, 1 of the centre's and the OAuth client from SSM",
        '<root>/etc/systemd/system/gen3-compose.service is already installed',
        'gen3-compose.service already brings the stack up at boot',
        'the stack was already running (2 services); changed services were restarted above',
        'SERVICE STATUS'
      ])
      const ran = readFileSync(calls, 'utf8')
      for (const command of [
        'dnf install',
        'git clone',
        'curl',
        'compose pull',
        'systemctl start',
        'compose restart'
      ]) {
        expect(ran).not.toContain(command)
      }
    })

    it('starts again the services that exited, leaving the running ones alone', () => {
      expect(provision().status).toBe(0)
      writeFileSync(
        path.join(state, 'exited'),
        'guppy-service\nspark-service\n'
      )
      writeFileSync(calls, '')

      const again = provision()

      expect(again.status).toBe(0)
      expect(said(again.stdout)).toContain(
        'the stack was already running (2 services); started the ones that had stopped: guppy-service spark-service'
      )
      const ran = readFileSync(calls, 'utf8')
      expect(ran).toContain('docker rm -f spark-service')
      expect(ran).toContain(
        'docker compose up -d --no-recreate guppy-service spark-service'
      )
      expect(ran).not.toContain('systemctl restart')
    })

    it('stops when creds_setup.sh left the encryption key empty, rather than start fence without one', () => {
      const python = path.join(root, 'usr', 'local', 'bin', 'python')
      mkdirSync(path.dirname(python), { recursive: true })
      writeFileSync(python, '#!/bin/sh\nexit 127\n', { mode: 0o755 })

      const result = provision()

      expect(result.status).toBe(1)
      expect(result.stderr).toBe(
        'creds_setup.sh left ENCRYPTION_KEY empty in Secrets/fence-config.yaml\n'
      )
      expect(
        existsSync(path.join(root, 'opt/gen3-poc/state/fence-config.base.yaml'))
      ).toBe(false)
      expect(readFileSync(calls, 'utf8')).not.toContain('compose pull')
    })
  }
)
