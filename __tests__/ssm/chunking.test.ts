import { readFileSync } from 'node:fs'

import { describe, expect, it } from '@jest/globals'

import {
  chunkCharacters,
  planTransfer,
  prepareFile,
  sendCommandCalls
} from '../../src/ssm/chunking.js'
import { commandTextLimitBytes } from '../../src/ssm/script.js'

describe('the number of SendCommand calls for a payload', () => {
  it.each([
    [0, 1],
    [1, 1],
    [30_000, 1],
    [30_001, 2],
    [60_000, 2],
    [1_000_000, 34],
    [10_000_000, 334]
  ])('is %i compressed bytes → %i calls', (bytes, calls) => {
    expect(sendCommandCalls(bytes)).toBe(calls)
  })
})

describe("the README's table of calls per payload", () => {
  const readme = readFileSync(
    new URL('../../README.md', import.meta.url),
    'utf8'
  )
  const section = readme.slice(readme.indexOf('### On the instance'))
  const rows = [
    ...section.matchAll(/^\| [^|]+\| ([\d,]+) +\| ([\d,]+) +\| (\d+) +\|$/gm)
  ].map((match) => [
    Number((match[2] ?? '').replaceAll(',', '')),
    Number(match[3])
  ])

  it('has the rows the benchmark measured', () => {
    expect(rows).toHaveLength(5)
  })

  it.each(rows)(
    'gives %i gzip bytes the %i calls the code makes',
    (bytes, calls) => {
      expect(sendCommandCalls(bytes)).toBe(calls)
    }
  )
})

describe('planning a transfer', () => {
  it('packs several small files into one command that also installs them', () => {
    const transfer = planTransfer([
      { path: '/opt/a', content: Buffer.from('a') },
      { path: '/opt/b', content: Buffer.from('b') },
      { path: '/opt/c', content: Buffer.from('c') }
    ])

    expect(transfer.scripts).toHaveLength(1)
    expect(transfer.scripts[0]).toContain("install_file '/opt/c'")
  })

  it('keeps every command under the limit, however many chunks', () => {
    const big = Buffer.alloc(400_000)
    for (let i = 0; i < big.length; i++) big[i] = (i * 7919) % 251

    const transfer = planTransfer([
      { path: '/opt/big', content: big },
      ...Array.from({ length: 40 }, (_, i) => ({
        path: `/opt/gen3-poc/config/file-${i}.yaml`,
        content: Buffer.from(`n: ${i}\n`)
      }))
    ])

    for (const script of transfer.scripts) {
      expect(Buffer.byteLength(script)).toBeLessThan(commandTextLimitBytes)
    }
    expect(
      transfer.files[0]?.pieces.every(
        (piece) => piece.text.length <= chunkCharacters
      )
    ).toBe(true)
  })

  it('names the staging folder after the files, so a retry reuses it', () => {
    const files = [{ path: '/opt/a', content: Buffer.from('a') }]

    expect(planTransfer(files).id).toBe(planTransfer(files).id)
    expect(planTransfer(files).id).not.toBe(
      planTransfer([{ path: '/opt/a', content: Buffer.from('b') }]).id
    )
  })

  it('refuses a path that is not absolute', () => {
    expect(() =>
      prepareFile({ path: 'user.yaml', content: Buffer.from('') }, 0)
    ).toThrow("'user.yaml' is not an absolute path on the instance")
  })

  it('refuses a mode that is not octal', () => {
    expect(() =>
      prepareFile({ path: '/opt/a', content: Buffer.from(''), mode: 'rwx' }, 0)
    ).toThrow("'rwx' is not a file mode such as 0644 (/opt/a)")
  })
})
