import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import {
  BaseRefNotFoundError,
  gitIn,
  readDictionaryAt,
  relativeFolder
} from '../../../src/dictionary/review/base.js'

describe('reading the base dictionary from git', () => {
  let repository = ''
  let first = ''

  function git(...args: string[]): string {
    return execFileSync(
      'git',
      ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args],
      { cwd: repository, encoding: 'utf8' }
    ).trim()
  }

  function write(file: string, text: string): void {
    mkdirSync(path.dirname(path.join(repository, file)), { recursive: true })
    writeFileSync(path.join(repository, file), text)
  }

  beforeAll(() => {
    repository = mkdtempSync(path.join(tmpdir(), 'dictionary-base-'))
    git('init', '--quiet', '--initial-branch=main')
    write('gen3/dictionary/sample.yaml', 'id: sample\n')
    write('gen3/dictionary/_definitions.yaml', 'UUID: {type: string}\n')
    write('gen3/dictionary/notes.yml', 'ignored: true\n')
    write('gen3/dictionary/projects/project1.yaml', 'ignored: true\n')
    write('README.md', 'centre\n')
    git('add', '.')
    git('commit', '--quiet', '-m', 'first')
    first = git('rev-parse', 'HEAD')

    write('gen3/dictionary/sample.yaml', 'id: sample\ntitle: Sample\n')
    git('commit', '--quiet', '-am', 'second')
  })

  afterAll(() => {
    rmSync(repository, { recursive: true, force: true })
  })

  it('gives the top-level *.yaml of the folder at the ref, file name to text', async () => {
    const files = await readDictionaryAt(
      gitIn(repository),
      first,
      'gen3/dictionary'
    )

    expect([...files]).toEqual([
      ['_definitions.yaml', 'UUID: {type: string}\n'],
      ['sample.yaml', 'id: sample\n']
    ])
  })

  it('reads a branch name as well as a commit', async () => {
    const files = await readDictionaryAt(
      gitIn(repository),
      'main',
      'gen3/dictionary/'
    )

    expect(files.get('sample.yaml')).toBe('id: sample\ntitle: Sample\n')
  })

  it('gives no files when the folder does not exist at the ref', async () => {
    const files = await readDictionaryAt(gitIn(repository), first, 'gen3/other')

    expect(files.size).toBe(0)
  })

  it('says to fetch the whole history when the base commit is missing', async () => {
    const missing = 'b'.repeat(40)

    const failure = readDictionaryAt(
      gitIn(repository),
      missing,
      'gen3/dictionary'
    )

    await expect(failure).rejects.toThrow(BaseRefNotFoundError)
    await expect(failure).rejects.toThrow(
      `The base commit '${missing}' is not in the checkout, so the dictionary cannot be compared with it: check out with \`fetch-depth: 0\` (actions/checkout), or set dictionary-base-ref to a ref that is fetched.`
    )
  })

  it('takes dictionary-dir relative to the workspace, or absolute within it', () => {
    expect(relativeFolder('gen3/dictionary/', '/w')).toBe('gen3/dictionary')
    expect(relativeFolder('/w/gen3/dictionary', '/w')).toBe('gen3/dictionary')
    expect(relativeFolder('/w', '/w')).toBe('.')
  })
})
