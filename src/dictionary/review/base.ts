import { execFile } from 'node:child_process'
import path from 'node:path'

/** Runs git in the repository and returns its standard output. */
export type Git = (args: readonly string[]) => Promise<string>

export function gitIn(directory: string): Git {
  return (args) =>
    new Promise((resolve, reject) => {
      execFile(
        'git',
        [...args],
        { cwd: directory, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
        (error, stdout, stderr) => {
          if (error) {
            reject(new GitError(args, stderr.trim() || error.message))
          } else {
            resolve(stdout)
          }
        }
      )
    })
}

export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string
  ) {
    super(`git ${args.join(' ')} failed: ${stderr}`)
    this.name = 'GitError'
  }
}

/** The base commit is not in the checkout, as with a shallow clone. */
export class BaseRefNotFoundError extends Error {
  constructor(readonly ref: string) {
    super(
      `The base commit '${ref}' is not in the checkout, so the dictionary cannot be compared with it: check out with \`fetch-depth: 0\` (actions/checkout), or set dictionary-base-ref to a ref that is fetched.`
    )
    this.name = 'BaseRefNotFoundError'
  }
}

/**
 * The dictionary's files at a git ref, as file name → text: the `*.yaml`
 * directly in the folder, as the reference tooling reads them. An empty map
 * when the folder does not exist at that ref.
 */
export async function readDictionaryAt(
  git: Git,
  ref: string,
  directory: string
): Promise<Map<string, string>> {
  try {
    await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])
  } catch {
    throw new BaseRefNotFoundError(ref)
  }

  const folder = path.posix.normalize(directory.split(path.sep).join('/'))
  const listing = await git(['ls-tree', '-z', ref, '--', `${folder}/`])
  const names = listing
    .split('\0')
    .filter(Boolean)
    .map((entry) => {
      const [meta = '', entryPath = ''] = entry.split('\t')
      return { type: meta.split(' ')[1], name: path.posix.basename(entryPath) }
    })
    .filter((entry) => entry.type === 'blob' && entry.name.endsWith('.yaml'))
    .map((entry) => entry.name)
    .sort()

  const files = new Map<string, string>()
  for (const name of names) {
    files.set(name, await git(['show', `${ref}:./${folder}/${name}`]))
  }
  return files
}

/** dictionary-dir relative to the directory git runs in. */
export function relativeFolder(directory: string, workspace: string): string {
  const relative = path.isAbsolute(directory)
    ? path.relative(workspace, directory)
    : directory
  return relative.replace(/\/+$/, '') || '.'
}

/**
 * The files of the folder that differ between a ref and the working tree,
 * as paths from the repository root.
 */
export async function changedSince(
  git: Git,
  ref: string,
  directory: string
): Promise<Set<string>> {
  const folder = path.posix.normalize(directory.split(path.sep).join('/'))
  const listing = await git([
    'diff',
    '--name-only',
    '-z',
    '--no-renames',
    '--relative',
    ref,
    '--',
    `${folder}/`
  ])
  return new Set(listing.split('\0').filter(Boolean))
}
