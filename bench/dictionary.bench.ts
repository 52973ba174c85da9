import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { getHeapStatistics } from 'node:v8'

import { compileDictionary, unknownStamp } from '../src/dictionary/compile.js'
import { loadDictionary } from '../src/dictionary/load.js'
import { readDictionaryFolder } from '../src/dictionary/source.js'
import { validateDictionary } from '../src/dictionary/validate.js'

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

const repositoryRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..'
)
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

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc) gc()
}

function heapUsed(): number {
  return getHeapStatistics().used_heap_size
}

const mebibytes = (bytes: number) => (bytes / 2 ** 20).toFixed(1)

function column(text: string, width: number): string {
  return text.padStart(width)
}

/**
 * Times load+validate and compile on each real dictionary (the files read
 * once beforehand: the disk is not what is measured) over several runs, and
 * the memory they take: the heap in use above the baseline after each phase,
 * and the process's peak resident set.
 */
export default async function bench(): Promise<void> {
  if (!existsSync(fixtures)) {
    process.stdout.write(
      `skipped: the real dictionaries are not at ${fixtures} (set GEN3_SHARED_DIR)\n`
    )
    return
  }

  process.stdout.write(
    `${runs} runs each: median times; heap = most heap in use above the baseline at the end of a phase${(globalThis as { gc?: unknown }).gc ? '' : ' (run with --expose-gc for a clean baseline)'}; RSS = the process's peak so far\n`
  )
  process.stdout.write(
    `${'dictionary'.padEnd(15)}${column('files', 6)}${column('nodes', 6)}${column('load+validate ms', 18)}${column('compile ms', 12)}${column('heap MiB', 10)}${column('RSS MiB', 9)}${column('schema.json KiB', 17)}\n`
  )

  for (const name of dictionaries) {
    const source = await readDictionaryFolder(path.join(fixtures, name))
    const checking: number[] = []
    const compiling: number[] = []
    let peak = 0
    let nodes = 0
    let size = 0

    for (let run = 0; run < runs; run++) {
      collectGarbage()
      const baseline = heapUsed()

      const started = performance.now()
      const dictionary = loadDictionary(source)
      validateDictionary(dictionary, { strict: false })
      const checked = performance.now()
      peak = Math.max(peak, heapUsed() - baseline)

      const compiled = compileDictionary(dictionary, unknownStamp)
      const done = performance.now()
      peak = Math.max(peak, heapUsed() - baseline)

      checking.push(checked - started)
      compiling.push(done - checked)
      nodes = [...dictionary.nodes.values()].filter(
        (node) => !node.builtin
      ).length
      size = Buffer.byteLength(compiled.json)
    }

    process.stdout.write(
      `${name.padEnd(15)}${column(String(Object.keys(source.files).length), 6)}${column(String(nodes), 6)}${column(median(checking).toFixed(1), 18)}${column(median(compiling).toFixed(1), 12)}${column(mebibytes(peak), 10)}${column(mebibytes(process.resourceUsage().maxRSS * 1024), 9)}${column((size / 1024).toFixed(0), 17)}\n`
    )
  }
}
