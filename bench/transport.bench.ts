import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { gzipSync } from 'node:zlib'

import { planTransfer, sendCommandCalls } from '../src/ssm/chunking.js'

/**
 * How many SendCommand calls a payload takes, and how fast the chunks are
 * prepared (gzip, base64, SHA-256 of every chunk, the scripts). Real Gen3
 * dictionaries are measured when the shared fixtures are beside the
 * repository; random bytes show the worst case, which gzip cannot shrink.
 */
export default async function transport(): Promise<void> {
  const payloads: { name: string; content: Buffer }[] = []

  const shared =
    process.env.GEN3_SHARED_DIR ??
    path.join(import.meta.dirname, '../../shared')
  const dictionaries = path.join(shared, 'fixtures', 'dictionaries')
  if (existsSync(dictionaries)) {
    for (const name of readdirSync(dictionaries)
      .filter((file) => file.endsWith('.compiled.json'))
      .sort()) {
      payloads.push({
        name,
        content: readFileSync(path.join(dictionaries, name))
      })
    }
  }
  for (const size of [10_000, 100_000, 1_000_000, 10_000_000]) {
    payloads.push({
      name: `random ${size.toLocaleString('en')} B`,
      content: randomBytes(size)
    })
  }

  const rows = [
    ['payload', 'bytes', 'gzip bytes', 'calls', 'formula', 'prepare ms', 'MB/s']
  ]
  for (const { name, content } of payloads) {
    const runs = content.length > 1_000_000 ? 3 : 10
    const started = performance.now()
    let calls = 0
    for (let run = 0; run < runs; run++) {
      calls = planTransfer([{ path: '/opt/gen3-poc/payload', content }]).scripts
        .length
    }
    const milliseconds = (performance.now() - started) / runs
    const compressed = gzipSync(content, { level: 9 }).length
    rows.push([
      name,
      content.length.toLocaleString('en'),
      compressed.toLocaleString('en'),
      String(calls),
      String(sendCommandCalls(compressed)),
      milliseconds.toFixed(1),
      (content.length / 1e6 / (milliseconds / 1000)).toFixed(1)
    ])
  }

  const widths =
    rows[0]?.map((_, column) =>
      Math.max(...rows.map((row) => (row[column] ?? '').length))
    ) ?? []
  for (const row of rows) {
    process.stdout.write(
      row
        .map((cell, column) =>
          column === 0
            ? cell.padEnd(widths[column] ?? 0)
            : cell.padStart(widths[column] ?? 0)
        )
        .join('  ') + '\n'
    )
  }
  await Promise.resolve()
}
