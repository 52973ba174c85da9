import { randomBytes } from 'node:crypto'
import {
  existsSync,
  readdirSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync
} from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'

import { sendCommandCalls } from '../../src/ssm/chunking.js'
import {
  ChecksumMismatchError,
  pushFiles,
  readChecksums,
  restore
} from '../../src/ssm/payload.js'
import { commandTextLimitBytes } from '../../src/ssm/script.js'
import { Deadline } from '../../src/wait/clock.js'
import { FakeClock } from '../fixtures/clock.js'
import { RecordingReporter } from '../fixtures/reporter.js'
import { FakeInstance } from './instance.js'

describe('pushing files to the instance', () => {
  let instance: FakeInstance
  let reporter: RecordingReporter
  let deadline: Deadline

  beforeEach(() => {
    instance = new FakeInstance()
    reporter = new RecordingReporter()
    deadline = new Deadline(new FakeClock(), 3_600_000)
  })

  afterEach(() => {
    instance.remove()
  })

  function push(files: { path: string; content: Buffer; mode?: string }[]) {
    return pushFiles(
      instance.ssm,
      instance.instanceId,
      files,
      deadline,
      reporter
    )
  }

  it('installs small files in one command, with their modes', async () => {
    const script = instance.path('opt/gen3-poc/bin/provision.sh')
    const user = instance.path('opt/gen3-poc/config/user.yaml')

    const result = await push([
      {
        path: script,
        content: Buffer.from('#!/bin/bash\necho hi\n'),
        mode: '0755'
      },
      { path: user, content: Buffer.from('users: {}\n') }
    ])

    expect(result.calls).toBe(1)
    expect(result.installed).toEqual([script, user])
    expect(readFileSync(script, 'utf8')).toBe('#!/bin/bash\necho hi\n')
    expect(statSync(script).mode & 0o777).toBe(0o755)
    expect(statSync(user).mode & 0o777).toBe(0o644)
    expect(reporter.at('info')).toEqual([
      `Installed ${script} (20 bytes, SHA-256 ${result.sha256[script]?.slice(0, 12)}…)`,
      `Installed ${user} (10 bytes, SHA-256 ${result.sha256[user]?.slice(0, 12)}…)`
    ])
  })

  it('sends a large file in chunks that each fit one command, and assembles it whole', async () => {
    const target = instance.path('opt/gen3-poc/dictionary/schema.json')
    const content = randomBytes(150_000)

    const result = await push([{ path: target, content }])

    expect(result.calls).toBe(
      sendCommandCalls(gzipSync(content, { level: 9 }).length)
    )
    expect(result.calls).toBe(6)
    expect(instance.sent).toHaveLength(6)
    for (const input of instance.sent) {
      const text = input.Parameters?.commands?.[0] ?? ''
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(commandTextLimitBytes)
    }
    expect(readFileSync(target).equals(content)).toBe(true)
    expect(readdirSync(instance.path('var/lib/gen3-poc/staging'))).toEqual([])
    expect(
      readFileSync(instance.path('var/log/gen3-poc/push-files.out'), 'utf8')
    ).toMatch(/^installed [0-9a-f]{64} .*schema\.json$/m)
  })

  it('keeps the previous version beside the file and restores it on demand', async () => {
    const target = instance.path('opt/gen3/compose-services/Secrets/user.yaml')
    await push([{ path: target, content: Buffer.from('version: 1\n') }])
    await push([{ path: target, content: Buffer.from('version: 2\n') }])

    expect(readFileSync(target, 'utf8')).toBe('version: 2\n')
    expect(readFileSync(`${target}.previous`, 'utf8')).toBe('version: 1\n')

    const outcome = await restore(
      instance.ssm,
      instance.instanceId,
      [target],
      deadline,
      reporter
    )

    expect(outcome).toEqual({ [target]: 'restored' })
    expect(readFileSync(target, 'utf8')).toBe('version: 1\n')
    expect(readFileSync(`${target}.previous`, 'utf8')).toBe('version: 2\n')
  })

  it('says which files have no previous version to restore', async () => {
    const target = instance.path('opt/gen3-poc/config/gitops.json')

    const outcome = await restore(
      instance.ssm,
      instance.instanceId,
      [target],
      deadline,
      reporter
    )

    expect(outcome).toEqual({ [target]: 'no previous version' })
    expect(reporter.at('warning')).toEqual([
      `${target} has no previous version on ${instance.instanceId} to restore`
    ])
  })

  it('leaves a file that is already as sent alone, without a previous version', async () => {
    const target = instance.path('opt/gen3-poc/config/user.yaml')
    await push([{ path: target, content: Buffer.from('same\n') }])

    const result = await push([
      { path: target, content: Buffer.from('same\n') }
    ])

    expect(result.unchanged).toEqual([target])
    expect(existsSync(`${target}.previous`)).toBe(false)
    expect(reporter.at('info').at(-1)).toMatch(
      /^Already up to date: .*user\.yaml/
    )
  })

  it('refuses a chunk that arrives corrupted and installs nothing', async () => {
    const target = instance.path('opt/gen3-poc/dictionary/schema.json')
    mkdirSync(path.dirname(target), { recursive: true })
    writeFileSync(target, 'old')
    instance.tamper = (text, call) =>
      call === 2
        ? text.replace(
            /(put 0\.0001 [0-9a-f]{64} ')(.)/,
            (_, head: string, c: string) => head + (c === 'A' ? 'B' : 'A')
          )
        : text

    const failure = await push([
      { path: target, content: randomBytes(100_000) }
    ]).catch((error: unknown) => error)

    expect(failure).toBeInstanceOf(ChecksumMismatchError)
    expect((failure as Error).message).toMatch(
      new RegExp(
        `^chunk 2 of 4 of ${target.replaceAll('/', '\\/')} arrived corrupted: its SHA-256 is [0-9a-f]{64}, not [0-9a-f]{64} on ${instance.instanceId}\\. ` +
          "Nothing was installed; run the command again, and if it keeps failing, check the instance's disk space\\.$"
      )
    )
    expect(instance.sent).toHaveLength(2)
    expect(readFileSync(target, 'utf8')).toBe('old')
  })

  it('refuses to install a file when a chunk never arrived', async () => {
    const target = instance.path('opt/gen3-poc/dictionary/schema.json')
    instance.tamper = (text, call) =>
      call === 2 ? text.replace(/^put 0\.0001 .*$/m, '') : text

    const failure = await push([
      { path: target, content: randomBytes(100_000) }
    ]).catch((error: unknown) => error)

    expect((failure as Error).message).toBe(
      `${target} has 3 of its 4 chunks on the instance on ${instance.instanceId}. ` +
        "Nothing was installed; run the command again, and if it keeps failing, check the instance's disk space."
    )
    expect(existsSync(target)).toBe(false)
  })

  it('refuses a file whose assembled checksum differs from the one sent', async () => {
    const target = instance.path('opt/gen3-poc/config/user.yaml')
    instance.tamper = (text) =>
      text.replace(/^(assemble 0 '[^']+' )[0-9a-f]{64}/m, `$1${'0'.repeat(64)}`)

    const failure = await push([
      { path: target, content: Buffer.from('users: {}\n') }
    ]).catch((error: unknown) => error)

    expect(failure).toBeInstanceOf(ChecksumMismatchError)
    expect((failure as Error).message).toMatch(
      /^.*user\.yaml was assembled with SHA-256 [0-9a-f]{64}, not 0{64} on /
    )
    expect(existsSync(target)).toBe(false)
  })

  it('makes no call for an empty list', async () => {
    expect(await push([])).toEqual({
      calls: 0,
      sha256: {},
      installed: [],
      unchanged: []
    })
    expect(instance.sent).toHaveLength(0)
  })

  it('reads the checksums of the files on the instance, missing ones as undefined', async () => {
    const present = instance.path('opt/gen3-poc/config/user.yaml')
    const absent = instance.path('opt/gen3-poc/config/gitops.json')
    const pushed = await push([
      { path: present, content: Buffer.from('users: {}\n') }
    ])

    const found = await readChecksums(
      instance.ssm,
      instance.instanceId,
      [present, absent],
      deadline,
      reporter
    )

    expect(found).toEqual({
      [present]: pushed.sha256[present],
      [absent]: undefined
    })
  })
})
