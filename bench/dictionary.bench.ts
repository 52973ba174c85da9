import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

import type { Measured } from './dictionary-one.js'

const run = promisify(execFile)

/** The seven public Gen3 dictionaries of the shared fixtures (see their SOURCE.md). */
const dictionaries = [
  'gdcdictionary',
  'kf-dictionary',
  'ndhdictionary',
  'anvil',
  'midrc',
  'umccr-beacon',
  'ardac'
]
const runs = 7

const here = path.dirname(fileURLToPath(import.meta.url))
const repositoryRoot = path.resolve(here, '..')
const fixtures = path.join(
  path.resolve(
    process.env.GEN3_SHARED_DIR ?? path.join(repositoryRoot, '../shared')
  ),
  'fixtures',
  'dictionaries'
)

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

const mebibytes = (bytes: number) => (bytes / 2 ** 20).toFixed(1)

function column(text: string, width: number): string {
  return text.padStart(width)
}

/** One dictionary measured in a fresh process (with the TypeScript loader this one runs with, and a garbage collector to call). */
async function measure(folder?: string): Promise<Measured> {
  const args = [
    ...process.execArgv,
    '--expose-gc',
    path.join(here, 'dictionary-one.ts'),
    ...(folder === undefined ? [] : [folder, String(runs)])
  ]
  const { stdout } = await run(process.execPath, args, {
    maxBuffer: 1024 * 1024
  })
  return JSON.parse(stdout) as Measured
}

/**
 * Times load+validate and compile on each real dictionary (the files read
 * once beforehand: the disk is not what is measured) over several runs, and
 * the memory they take. Each dictionary runs in a process of its own, so
 * its peak resident set is its own; an idle process gives the floor.
 */
export default async function bench(): Promise<void> {
  if (!existsSync(fixtures)) {
    process.stdout.write(
      `skipped: the real dictionaries are not at ${fixtures} (set GEN3_SHARED_DIR)\n`
    )
    return
  }

  const idle = await measure()
  process.stdout.write(
    `${runs} runs each, one process per dictionary: median times; peak RSS = the process's peak resident set, of which "above idle" is more than a process that loads the code and reads nothing (${mebibytes(idle.peakRssBytes)} MiB); heap = most heap in use above the collected baseline at the end of a phase\n`
  )
  process.stdout.write(
    `${'dictionary'.padEnd(15)}${column('files', 6)}${column('nodes', 6)}${column('load+validate ms', 18)}${column('compile ms', 12)}${column('peak RSS MiB', 14)}${column('above idle', 12)}${column('heap MiB', 10)}${column('schema.json KiB', 17)}\n`
  )

  for (const name of dictionaries) {
    const measured = await measure(path.join(fixtures, name))
    process.stdout.write(
      `${name.padEnd(15)}${column(String(measured.files), 6)}${column(String(measured.nodes), 6)}${column(median(measured.checkMs).toFixed(1), 18)}${column(median(measured.compileMs).toFixed(1), 12)}${column(mebibytes(measured.peakRssBytes), 14)}${column(mebibytes(measured.peakRssBytes - idle.peakRssBytes), 12)}${column(mebibytes(measured.heapBytes), 10)}${column((measured.schemaBytes / 1024).toFixed(0), 17)}\n`
    )
  }
}
