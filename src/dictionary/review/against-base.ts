import type { CommentsApi } from '../../github/comment.js'
import type { PullRequest } from '../../github/pull-request.js'
import { pullRequestOf } from '../../github/pull-request.js'
import type { Reporter } from '../../report/reporter.js'
import type { Git } from './base.js'
import {
  BaseRefNotFoundError,
  gitIn,
  readDictionaryAt,
  relativeFolder
} from './base.js'
import type { Review } from './changes.js'
import type { CompiledDictionary } from './compiled.js'
import { reviewDictionary } from './diff.js'
import { postReview } from './publish.js'

/** Compiles a dictionary from its files (file name → YAML text). */
export type Compile = (
  files: ReadonlyMap<string, string>
) => CompiledDictionary | Promise<CompiledDictionary>

export interface ReviewAgainstBaseOptions {
  /** The pull request's compiled dictionary. */
  head: CompiledDictionary
  /** dictionary-dir, relative to the workspace or absolute. */
  dictionaryDir: string
  /** dictionary-base-ref; empty uses the pull request's base commit. */
  baseRef: string
  githubToken: string
  env: NodeJS.ProcessEnv
  reporter: Reporter
  compile: Compile
  /** Runs git in the workspace when not given. */
  git?: Git
  comments?: CommentsApi
  /** Read from the event payload at GITHUB_EVENT_PATH when not given. */
  pullRequest?: PullRequest | undefined
}

/**
 * Compares the dictionary with the one at the base ref and posts the review:
 * job summary always, pull-request comment when there is one. Returns
 * undefined when there is nothing to compare with.
 */
export async function reviewAgainstBase(
  options: ReviewAgainstBaseOptions
): Promise<Review | undefined> {
  const { reporter, env } = options
  const pullRequest =
    'pullRequest' in options ? options.pullRequest : pullRequestOf(env)
  const ref = options.baseRef || pullRequest?.baseSha

  if (!ref) {
    reporter.notice(
      'No base to compare the dictionary with: this is not a pull request and dictionary-base-ref is empty. Set dictionary-base-ref (for example main) to get a review.'
    )
    return undefined
  }

  return reporter.group(`Review the dictionary against ${short(ref)}`, () =>
    review(options, ref, pullRequest)
  )
}

async function review(
  options: ReviewAgainstBaseOptions,
  ref: string,
  pullRequest: PullRequest | undefined
): Promise<Review | undefined> {
  const { reporter, env } = options
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd()
  const folder = relativeFolder(options.dictionaryDir, workspace)

  const base = await readBase(options, ref, folder, workspace)
  if (!base) return undefined

  const result = reviewDictionary(base, options.head)
  for (const problem of result.problems.base) {
    reporter.warning(`The base dictionary at ${short(ref)}: ${problem}`)
  }
  await postReview(result, {
    reporter,
    pullRequest,
    githubToken: options.githubToken,
    env,
    compared: `\`${folder}\` at \`${short(ref)}\` with ${pullRequest ? 'this pull request' : 'the checked-out commit'}`,
    ...(options.comments && { comments: options.comments })
  })
  return result
}

/**
 * The base dictionary compiled, empty when the base has none, or undefined
 * with a warning when it cannot be had: the review adds to the checks, and
 * neither a shallow checkout nor a broken base (the pull request may be its
 * fix) should fail them.
 */
async function readBase(
  options: ReviewAgainstBaseOptions,
  ref: string,
  folder: string,
  workspace: string
): Promise<CompiledDictionary | undefined> {
  const { reporter } = options
  let files: Map<string, string>
  try {
    files = await readDictionaryAt(options.git ?? gitIn(workspace), ref, folder)
  } catch (error) {
    if (!(error instanceof BaseRefNotFoundError)) throw error
    reporter.warning(error.message)
    return undefined
  }

  if (files.size === 0) {
    reporter.notice(
      `${short(ref)} has no dictionary in ${folder}: every node is new.`
    )
    return {}
  }
  reporter.info(`Read ${files.size} files of ${folder} at ${short(ref)}.`)
  try {
    return await options.compile(files)
  } catch (error) {
    reporter.warning(
      `The dictionary at ${short(ref)} could not be compiled, so there is no review: ${error instanceof Error ? error.message : String(error)}`
    )
    return undefined
  }
}

function short(ref: string): string {
  return /^[0-9a-f]{40}$/.test(ref) ? ref.slice(0, 7) : ref
}
