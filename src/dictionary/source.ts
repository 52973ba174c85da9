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
