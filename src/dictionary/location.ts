import { existsSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The example dictionary shipped with the action, from the action's root. */
export const exampleDictionaryPath = 'examples/centre/gen3/dictionary'

/** dictionary-dir's default in action.yml: the one folder the example may stand in for. */
export const defaultDictionaryDir = 'gen3/dictionary'

/**
 * The action's own folder: the nearest one up from this code that holds the
 * example centre (the repository root, from src/dictionary in development or
 * from dist/ and dist/cli bundled, which hold copies of action.yml and a
 * package.json of their own but not the examples).
 */
export function actionRoot(
  from: string = path.dirname(fileURLToPath(import.meta.url))
): string {
  let dir = from
  for (;;) {
    if (existsSync(path.join(dir, exampleDictionaryPath))) return dir
    const up = path.dirname(dir)
    if (up === dir) return from
    dir = up
  }
}

export function bundledExampleDictionary(): string {
  return path.join(actionRoot(), exampleDictionaryPath)
}

/**
 * Whether the commons gets a portal configuration of the centre's own
 * (gitops.json in config-dir; the example centre's beside the bundled
 * example dictionary), which deploy and push-config install.
 */
export function hasPortalConfiguration(
  dictionary: DictionaryLocation,
  configDir: string,
  repositoryRoot: string
): boolean {
  const config = dictionary.bundled
    ? path.join(dictionary.dir, '..', 'config')
    : path.resolve(repositoryRoot, configDir)
  return existsSync(path.join(config, 'gitops.json'))
}

/** The folder of the centre's repository that paths and annotations are relative to. */
export function repositoryRootOf(env: NodeJS.ProcessEnv): string {
  const workspace = env.GITHUB_WORKSPACE
  return workspace !== undefined && workspace !== ''
    ? path.resolve(workspace)
    : process.cwd()
}

export interface DictionaryLocation {
  /** The folder to read, absolute. */
  dir: string
  /** True when the centre's folder does not exist and the bundled example stands in. */
  bundled: boolean
}

/** The given folder does not exist, and neither does the example that would stand in for it. */
export class DictionaryNotFoundError extends Error {
  constructor(dir: string, example: string) {
    super(
      `The dictionary folder ${dir} does not exist, and neither does the bundled example at ${example}: set dictionary-dir to the folder with the dictionary's .yaml files.`
    )
    this.name = 'DictionaryNotFoundError'
  }
}

/** A dictionary-dir someone set does not exist: the example never stands in for it. */
export class DictionaryDirMissingError extends Error {
  constructor(dir: string) {
    super(
      `dictionary-dir ${dir} does not exist: set it to the folder with the dictionary's .yaml files. Only when dictionary-dir is left at ${defaultDictionaryDir} and that folder is absent is the bundled example checked instead.`
    )
    this.name = 'DictionaryDirMissingError'
  }
}

/** The given path exists but is a file. */
export class DictionaryNotAFolderError extends Error {
  constructor(dir: string) {
    super(
      `dictionary-dir ${dir} is a file: set it to the folder that holds the dictionary's .yaml files.`
    )
    this.name = 'DictionaryNotAFolderError'
  }
}

/** push-dictionary has no example to fall back on: it pushes only the centre's own dictionary. */
export class DictionaryFolderMissingError extends Error {
  constructor(dir: string) {
    super(
      `The dictionary folder ${dir} does not exist in the repository, so there is nothing to push: set dictionary-dir to the folder with the dictionary's .yaml files, and check the repository out before this step.`
    )
    this.name = 'DictionaryFolderMissingError'
  }
}

async function kind(dir: string): Promise<'folder' | 'file' | 'none'> {
  try {
    return (await stat(dir)).isDirectory() ? 'folder' : 'file'
  } catch {
    return 'none'
  }
}

/**
 * The dictionary folder to check: dictionary-dir from the repository root,
 * or, when it is the default and does not exist, the bundled example. A
 * folder someone named and mistyped is an error, not a check of the example.
 */
export async function locateDictionary(
  dictionaryDir: string,
  repositoryRoot: string,
  example: string = bundledExampleDictionary()
): Promise<DictionaryLocation> {
  const dir = path.resolve(repositoryRoot, dictionaryDir)
  const found = await kind(dir)
  if (found === 'folder') return { dir, bundled: false }
  if (found === 'file') throw new DictionaryNotAFolderError(dictionaryDir)
  if (dictionaryDir !== defaultDictionaryDir) {
    throw new DictionaryDirMissingError(dictionaryDir)
  }
  if ((await kind(example)) !== 'folder') {
    throw new DictionaryNotFoundError(dictionaryDir, example)
  }
  return { dir: example, bundled: true }
}

/** dictionary-dir from the repository root, which must be a folder. */
export async function locateCentreDictionary(
  dictionaryDir: string,
  repositoryRoot: string
): Promise<string> {
  const dir = path.resolve(repositoryRoot, dictionaryDir)
  const found = await kind(dir)
  if (found === 'file') throw new DictionaryNotAFolderError(dictionaryDir)
  if (found === 'none') throw new DictionaryFolderMissingError(dictionaryDir)
  return dir
}
