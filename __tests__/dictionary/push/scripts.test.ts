import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  utimesSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'

import type { Layout } from '../../../src/dictionary/push/scripts.js'
import {
  activateScript,
  logsScript,
  quote,
  restartScript,
  rollbackScript,
  statesScript
} from '../../../src/dictionary/push/scripts.js'

/**
 * The scripts run for real in bash, in a temporary folder, with stand-ins
 * for systemctl and docker that log their arguments.
 */
let root = ''
let layout: Layout
let env: NodeJS.ProcessEnv

const fakeSystemctl = `#!/bin/sh
if [ "$FAKE_UNIT" = active ]; then state=0; else state=3; fi
[ "$2" = "--quiet" ] || echo "$FAKE_UNIT"
exit $state
`

const fakeDocker = `#!/bin/sh
echo "$*" >> "$FAKE_LOG"
case "$*" in
  "compose config --services") printf '%s\\n' $FAKE_SERVICES ;;
  "compose config") echo "      DICTIONARY_URL: $FAKE_URL" ;;
  *"wget"*) [ -e "$FAKE_PUBLIC/schema.json" ] ;;
esac
`

function run(script: string) {
  const result = spawnSync('bash', ['-c', script], { env, encoding: 'utf8' })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

function publicFiles(): string[] {
  return readdirSync(layout.publicFolder).sort()
}

function live(): string {
  return readlinkSync(path.join(layout.publicFolder, 'schema.json'))
}

function version(name: string, ageSeconds = 0): void {
  const file = path.join(layout.publicFolder, name)
  writeFileSync(file, `{"version": "${name}"}`)
  const time = new Date(Date.UTC(2026, 0, 1) - ageSeconds * 1000)
  utimesSync(file, time, time)
}

function dockerCalls(): string[] {
  const log = path.join(root, 'docker.log')
  return existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'dictionary-scripts-'))
  const bin = path.join(root, 'bin')
  layout = {
    composeDirectory: path.join(root, 'compose-services'),
    publicFolder: path.join(root, 'compose-services/dictionary-service/public'),
    unit: 'gen3-compose.service'
  }
  mkdirSync(bin)
  mkdirSync(layout.publicFolder, { recursive: true })
  writeFileSync(path.join(bin, 'systemctl'), fakeSystemctl)
  writeFileSync(path.join(bin, 'docker'), fakeDocker)
  chmodSync(path.join(bin, 'systemctl'), 0o755)
  chmodSync(path.join(bin, 'docker'), 0o755)
  env = {
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    FAKE_UNIT: 'active',
    FAKE_SERVICES: 'postgres sheepdog-service dictionary-service',
    FAKE_URL: 'http://dictionary-service/schema.json',
    FAKE_LOG: path.join(root, 'docker.log'),
    FAKE_PUBLIC: layout.publicFolder
  }
})

afterEach(() => {
  rmSync(root, { recursive: true, force: true })
})

describe('switching the served dictionary', () => {
  it('turns the schema.json that deploy put in place into a version, and links the new one', () => {
    writeFileSync(path.join(layout.publicFolder, 'schema.json'), '{}')
    version('schema-aaaa.json')

    const result = run(activateScript('schema-aaaa.json', layout))

    expect(result).toMatchObject({
      status: 0,
      stdout: 'previous=schema-initial.json\n'
    })
    expect(live()).toBe('schema-aaaa.json')
    expect(publicFiles()).toEqual([
      'schema-aaaa.json',
      'schema-initial.json',
      'schema.json'
    ])
  })

  it('says which version it replaced', () => {
    version('schema-aaaa.json', 60)
    version('schema-bbbb.json')
    run(activateScript('schema-aaaa.json', layout))

    const result = run(activateScript('schema-bbbb.json', layout))

    expect(result.stdout).toBe('previous=schema-aaaa.json\n')
    expect(live()).toBe('schema-bbbb.json')
    expect(
      lstatSync(path.join(layout.publicFolder, 'schema.json')).isSymbolicLink()
    ).toBe(true)
  })

  it('says there was nothing before on a first push', () => {
    version('schema-aaaa.json')

    expect(run(activateScript('schema-aaaa.json', layout)).stdout).toBe(
      'previous=\n'
    )
  })

  it('keeps the live version, the one it replaced and the three newest others', () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map(
      (n) => `schema-${n}.json`
    )
    names.forEach((name, index) => {
      version(name, (names.length - index) * 60)
    })
    run(activateScript('schema-a.json', layout))
    version('schema-h.json')

    run(activateScript('schema-h.json', layout))

    expect(publicFiles()).toEqual([
      'schema-a.json',
      'schema-e.json',
      'schema-f.json',
      'schema-g.json',
      'schema-h.json',
      'schema.json'
    ])
  })

  it('changes nothing and says so when the stack is not running', () => {
    version('schema-aaaa.json')
    env.FAKE_UNIT = 'inactive'

    const result = run(activateScript('schema-aaaa.json', layout))

    expect(result).toMatchObject({ status: 0, stdout: 'stack=inactive\n' })
    expect(existsSync(path.join(layout.publicFolder, 'schema.json'))).toBe(
      false
    )
  })

  it('changes nothing and says so when the compose files lack the dictionary service', () => {
    version('schema-aaaa.json')
    env.FAKE_SERVICES = 'postgres sheepdog-service'

    expect(run(activateScript('schema-aaaa.json', layout)).stdout).toBe(
      'service=missing\n'
    )
  })

  it('changes nothing and says so when DICTIONARY_URL points elsewhere', () => {
    version('schema-aaaa.json')
    env.FAKE_URL =
      'https://s3.amazonaws.com/dictionary-artifacts/datadictionary/develop/schema.json'

    expect(run(activateScript('schema-aaaa.json', layout)).stdout).toBe(
      'service=missing\n'
    )
  })

  it('fails when the pushed version is not there', () => {
    const result = run(activateScript('schema-missing.json', layout))

    expect(result.status).not.toBe(0)
    expect(existsSync(path.join(layout.publicFolder, 'schema.json'))).toBe(
      false
    )
  })
})

describe('restarting and rolling back', () => {
  it('starts the dictionary service, waits until it serves, recreates the services and reloads the revproxy', () => {
    version('schema-aaaa.json')
    run(activateScript('schema-aaaa.json', layout))

    const result = run(
      restartScript(['sheepdog-service', 'peregrine-service'], layout)
    )

    expect(result.status).toBe(0)
    expect(dockerCalls().slice(2)).toEqual([
      'compose up -d --no-deps dictionary-service',
      'compose exec -T dictionary-service nginx -c /srv/dictionary/nginx.conf -s reload',
      'compose exec -T dictionary-service wget -q -O /dev/null http://127.0.0.1/schema.json',
      'compose up -d --no-deps --force-recreate sheepdog-service peregrine-service',
      'compose exec -T revproxy-service nginx -s reload'
    ])
  })

  it('points schema.json back at the previous version, then restarts', () => {
    version('schema-aaaa.json', 60)
    version('schema-bbbb.json')
    run(activateScript('schema-aaaa.json', layout))
    run(activateScript('schema-bbbb.json', layout))

    const result = run(
      rollbackScript('schema-aaaa.json', ['sheepdog-service'], layout)
    )

    expect(result.status).toBe(0)
    expect(live()).toBe('schema-aaaa.json')
    expect(dockerCalls()).toContain(
      'compose up -d --no-deps --force-recreate sheepdog-service'
    )
  })

  it('refuses to roll back to a version that is gone', () => {
    version('schema-bbbb.json')
    run(activateScript('schema-bbbb.json', layout))

    const result = run(
      rollbackScript('schema-gone.json', ['sheepdog-service'], layout)
    )

    expect(result.status).not.toBe(0)
    expect(live()).toBe('schema-bbbb.json')
  })

  it('reads states and logs without failing when a container is missing', () => {
    expect(statesScript(['sheepdog-service'])).toBe(
      "docker inspect --format '{{.Name}} {{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}} {{.RestartCount}}' 'sheepdog-service' 2>/dev/null || true\n"
    )
    expect(
      run(logsScript(['sheepdog-service', 'peregrine-service'], layout)).status
    ).toBe(0)
    expect(dockerCalls()).toEqual([
      'compose logs --no-color --tail 40 sheepdog-service peregrine-service'
    ])
  })

  it('quotes values for bash', () => {
    expect(quote("it's")).toBe(`'it'\\''s'`)
    expect(run(`echo ${quote("a 'b' $c")}`).stdout).toBe("a 'b' $c\n")
  })
})
