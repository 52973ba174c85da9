import path from 'node:path'
import { getHeapStatistics } from 'node:v8'

import { compileDictionary, unknownStamp } from '../src/dictionary/compile.js'
import { loadDictionary } from '../src/dictionary/load.js'
import { readDictionaryFolder } from '../src/dictionary/source.js'
import { validateDictionary } from '../src/dictionary/validate.js'

/** What one process measured on one dictionary; dictionary.bench.ts prints it. */
export interface Measured {
  files: number
  nodes: number
  checkMs: number[]
  compileMs: number[]
  /** Most heap in use above the collected baseline, at the end of a phase. */
  heapBytes: number
  /** The process's peak resident set, which only this dictionary's runs raised. */
  peakRssBytes: number
  schemaBytes: number
}

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc) gc()
}

function heapUsed(): number {
  return getHeapStatistics().used_heap_size
}

/**
 * Runs in a process of its own, so that its peak resident set belongs to one
 * dictionary: `dictionary-one.ts <folder> <runs>`, or no folder for the
 * process's idle figures. Prints one line of JSON.
 */
async function measure(folder: string | undefined, runs: number) {
  const measured: Measured = {
    files: 0,
    nodes: 0,
    checkMs: [],
    compileMs: [],
    heapBytes: 0,
    peakRssBytes: 0,
    schemaBytes: 0
  }

  if (folder !== undefined) {
    const source = await readDictionaryFolder(path.resolve(folder))
    measured.files = Object.keys(source.files).length

    for (let run = 0; run < runs; run++) {
      collectGarbage()
      const baseline = heapUsed()

      const started = performance.now()
      const dictionary = loadDictionary(source)
      validateDictionary(dictionary, { strict: false })
      const checked = performance.now()
      const afterCheck = heapUsed() - baseline

      const compiled = compileDictionary(dictionary, unknownStamp)
      const done = performance.now()
      const afterCompile = heapUsed() - baseline

      measured.checkMs.push(checked - started)
      measured.compileMs.push(done - checked)
      measured.heapBytes = Math.max(
        measured.heapBytes,
        afterCheck,
        afterCompile
      )
      measured.nodes = [...dictionary.nodes.values()].filter(
        (node) => !node.builtin
      ).length
      measured.schemaBytes = Buffer.byteLength(compiled.json)
    }
  }

  measured.peakRssBytes = process.resourceUsage().maxRSS * 1024
  process.stdout.write(`${JSON.stringify(measured)}\n`)
}

const [folder, runs = '1'] = process.argv.slice(2)
await measure(folder, Number(runs))
