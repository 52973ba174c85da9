import path from 'node:path'

import type { Reporter } from '../report/reporter.js'
import type { Clock } from '../wait/clock.js'
import {
  type CompiledDictionary,
  compileDictionary,
  type Stamp,
  unknownStamp
} from './compile.js'
import type { ReportedFinding } from './findings.js'
import { type Dictionary, loadDictionary } from './load.js'
import { nearestYamlFolder, readDictionaryFolder } from './source.js'
import { readStamp } from './stamp.js'
import { validateDictionary } from './validate.js'
import { plural } from './wording.js'

export interface CheckOptions {
  /** Report what Gen3's own tools are too loose about as errors. */
  strict: boolean
  /** The centre ships its own gitops.json for the portal. */
  portalConfigured?: boolean
  /** Findings get their path from here (GITHUB_WORKSPACE), so annotations land on the diff. */
  repositoryRoot?: string
  /** The stamp for `_settings.yaml`; read from the folder's git checkout otherwise. */
  stamp?: Stamp
  /** When given, each phase is a group and its outcome a line. */
  reporter?: Reporter
  clock?: Clock
}

/** A finding placed in the repository, for an annotation on the pull request's diff. */
export interface PlacedFinding extends ReportedFinding {
  /** The file's path from the repository root; absent when it lies outside (the bundled example) or names no file. */
  path?: string
}

/** Everything the dictionary commands need from one check of a dictionary. */
export interface DictionaryCheck {
  /** The folder checked (absolute), or undefined for a dictionary given as text. */
  dir?: string
  dictionary: Dictionary
  findings: PlacedFinding[]
  errors: number
  warnings: number
  compiled: CompiledDictionary
  /** schema.json as it would be pushed. */
  schemaJson: string
  /** SHA-256 of schemaJson, hex. */
  sha256: string
}

/** The path of a dictionary file from the repository root, if it is inside it. */
export function repositoryPath(
  dir: string,
  file: string,
  repositoryRoot: string
): string | undefined {
  const relative = path.relative(repositoryRoot, path.join(dir, file))
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined
  return relative.split(path.sep).join('/')
}

function elapsed(clock: Clock | undefined, since: number): string {
  if (!clock) return ''
  return ` in ${((clock.now() - since) / 1000).toFixed(1)} s`
}

async function step<T>(
  options: CheckOptions,
  title: string,
  work: () => Promise<T> | T
): Promise<T> {
  if (!options.reporter) return work()
  return options.reporter.group(title, async () => work())
}

function assemble(
  dictionary: Dictionary,
  findings: ReportedFinding[],
  compiled: CompiledDictionary,
  dir: string | undefined,
  repositoryRoot: string | undefined
): DictionaryCheck {
  const placed = findings.map((item): PlacedFinding => {
    const where =
      dir !== undefined && repositoryRoot !== undefined && item.place
        ? repositoryPath(dir, item.place.file, repositoryRoot)
        : undefined
    return where === undefined ? item : { ...item, path: where }
  })
  return {
    ...(dir !== undefined && { dir }),
    dictionary,
    findings: placed,
    errors: findings.filter((item) => item.severity === 'error').length,
    warnings: findings.filter((item) => item.severity === 'warning').length,
    compiled,
    schemaJson: compiled.json,
    sha256: compiled.sha256
  }
}

/**
 * Loads, validates and compiles the dictionary in a folder: what
 * validate-dictionary reports and push-dictionary pushes.
 */
export async function checkDictionary(
  dir: string,
  options: CheckOptions
): Promise<DictionaryCheck> {
  const absolute = path.resolve(dir)
  const { reporter, clock } = options

  const dictionary = await step(
    options,
    'Read the data dictionary',
    async () => {
      const since = clock?.now() ?? 0
      const source = await readDictionaryFolder(absolute)
      const nothing =
        Object.keys(source.files).length === 0 &&
        (source.undecodable ?? []).length === 0
      if (nothing) {
        throw new NoDictionaryFilesError(dir, await nearestYamlFolder(absolute))
      }
      const loaded = loadDictionary(source)
      const custom = [...loaded.nodes.values()].filter((node) => !node.builtin)
      reporter?.info(
        `Read ${plural(Object.keys(loaded.source.files).length, 'file')}: ${plural(custom.length, 'node')}${elapsed(clock, since)}`
      )
      const folders = loaded.source.folders ?? []
      if (folders.length > 0) {
        reporter?.debug(
          `Not part of the dictionary (Gen3 reads only top-level .yaml files): ${folders.map((name) => `${name}/`).join(', ')}`
        )
      }
      return loaded
    }
  )

  const findings = await step(options, 'Check it against the rules', () => {
    const since = clock?.now() ?? 0
    const found = validateDictionary(dictionary, {
      strict: options.strict,
      portalConfigured: options.portalConfigured === true
    })
    const errors = found.filter((item) => item.severity === 'error').length
    reporter?.info(
      `${plural(errors, 'error')}, ${plural(found.length - errors, 'warning')}${options.strict ? ' (strict)' : ''}${elapsed(clock, since)}`
    )
    return found
  })

  const compiled = await step(options, 'Compile schema.json', async () => {
    const stamp = options.stamp ?? (await readStamp(absolute))
    const result = compileDictionary(dictionary, stamp)
    const stamped =
      stamp === unknownStamp
        ? 'not stamped: the folder is not in a git checkout'
        : `stamped ${stamp.version} (${stamp.commit})`
    reporter?.info(
      `schema.json: ${Buffer.byteLength(result.json)} bytes, sha256 ${result.sha256}, ${stamped}`
    )
    return result
  })

  return assemble(
    dictionary,
    findings,
    compiled,
    absolute,
    options.repositoryRoot
  )
}

/** The folder has no top-level .yaml file, which is all that Gen3 reads. */
export class NoDictionaryFilesError extends Error {
  constructor(dir: string, found: string | undefined) {
    super(
      `There are no .yaml files directly in ${dir}, and Gen3 reads only those of the dictionary folder.` +
        (found
          ? ` The nearest folder with some is ${found}: set dictionary-dir to it.`
          : ' Set dictionary-dir to the folder that holds them.')
    )
    this.name = 'NoDictionaryFilesError'
  }
}

/** The dictionary has errors: each was reported at its file and line. */
export class InvalidDictionaryError extends Error {
  constructor(
    readonly errors: number,
    where: string
  ) {
    super(
      `The data dictionary in ${where} has ${errors} error${errors === 1 ? '' : 's'}: each is annotated at its file and line; fix them and run again.`
    )
    this.name = 'InvalidDictionaryError'
  }
}
