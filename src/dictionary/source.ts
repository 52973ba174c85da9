import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'

import { decodeUtf8 } from './parse.js'

/**
 * The files of a dictionary as Gen3 reads them: the `*.yaml` files directly
 * in the folder (dictionaryutils globs `*.yaml` there), by file name. Tests
 * and the pull-request review build one from text without any folder.
 */
export interface DictionarySource {
  files: Readonly<Record<string, string>>
  /** Top-level files that look meant to be read but never are (`sample.yml`). */
  ignored?: readonly string[]
  /** Top-level `*.yaml` files that are not UTF-8 text. */
  undecodable?: readonly string[]
  /** Sub-folders, which Gen3 does not read (`projects/` is usual). */
  folders?: readonly string[]
}

/** Python's glob skips hidden files; the match is case-sensitive. */
function isRead(name: string): boolean {
  return name.endsWith('.yaml') && !name.startsWith('.')
}

function looksMeantToBeRead(name: string): boolean {
  return !name.startsWith('.') && /\.ya?ml$/i.test(name) && !isRead(name)
}

async function kindOf(file: string): Promise<'file' | 'folder' | 'other'> {
  try {
    const info = await stat(file)
    if (info.isFile()) return 'file'
    return info.isDirectory() ? 'folder' : 'other'
  } catch {
    return 'other'
  }
}

export async function readDictionaryFolder(
  dir: string
): Promise<DictionarySource> {
  const names = (await readdir(dir)).sort()
  const files: Record<string, string> = {}
  const ignored: string[] = []
  const undecodable: string[] = []
  const folders: string[] = []

  for (const name of names) {
    const kind = await kindOf(path.join(dir, name))
    if (kind === 'folder') {
      if (!name.startsWith('.')) folders.push(name)
    } else if (kind === 'file' && isRead(name)) {
      const text = decodeUtf8(await readFile(path.join(dir, name)))
      if (text === undefined) undecodable.push(name)
      else files[name] = text
    } else if (kind === 'file' && looksMeantToBeRead(name)) {
      ignored.push(name)
    }
  }
  return { files, ignored, undecodable, folders }
}

/**
 * The nearest folder below `dir` with `*.yaml` files of its own, breadth
 * first and at most three levels down: where a dictionary kept in Gen3's
 * usual repository layout (`gdcdictionary/schemas/`) really is.
 */
export async function nearestYamlFolder(
  dir: string,
  depth = 3
): Promise<string | undefined> {
  let level = [dir]
  for (let down = 0; down < depth; down++) {
    const next: string[] = []
    for (const folder of level) {
      const names = (await readdir(folder)).sort()
      for (const name of names) {
        if (name.startsWith('.') || name === 'node_modules') continue
        const full = path.join(folder, name)
        if ((await kindOf(full)) !== 'folder') continue
        const inside = await readdir(full)
        if (inside.some(isRead)) return full
        next.push(full)
      }
    }
    level = next
  }
  return undefined
}
