import path from 'node:path'

import {
  checkDictionary,
  type DictionaryCheck,
  InvalidDictionaryError
} from '../dictionary/check.js'
import { compileDictionary, unknownStamp } from '../dictionary/compile.js'
import { loadDictionary } from '../dictionary/load.js'
import {
  bundledExampleDictionary,
  locateDictionary,
  repositoryRootOf
} from '../dictionary/location.js'
import { reportFindings, summariseCheck } from '../dictionary/report.js'
import { reviewAgainstBase } from '../dictionary/review/against-base.js'
import {
  changedSince,
  type Git,
  gitIn,
  relativeFolder
} from '../dictionary/review/base.js'
import { pullRequestOf } from '../github/pull-request.js'
import type { CommentsApi } from '../github/comment.js'
import type { Context } from './context.js'

/** What the review talks to; git in the workspace and the GitHub API when not given. */
export interface ReviewParts {
  git?: Git
  comments?: CommentsApi
}

/** The folder as the user knows it: from the repository root when inside it. */
function placeOf(dir: string, root: string): string {
  const relative = path.relative(root, dir)
  if (relative.startsWith('..') || path.isAbsolute(relative)) return dir
  return relative || '.'
}

/**
 * Checks the dictionary as strictly as Gen3's own tools and more: each
 * finding an annotation on its file and line, the counts and the compiled
 * schema's checksum as outputs, a table in the job summary; then compares it
 * with the base branch's and posts the review. Fails on errors.
 */
export async function checkDictionaryCommand(
  context: Context,
  example: string,
  parts: ReviewParts = {}
): Promise<void> {
  const { inputs, reporter, env, clock } = context
  const root = repositoryRootOf(env)
  const location = await locateDictionary(inputs.dictionaryDir, root, example)
  const where = location.bundled
    ? 'the bundled example dictionary'
    : placeOf(location.dir, root)
  if (location.bundled) {
    reporter.notice(
      `${inputs.dictionaryDir} does not exist in the repository: checking the bundled example dictionary instead. Set dictionary-dir to your dictionary's folder.`
    )
  }

  const check = await checkDictionary(location.dir, {
    strict: inputs.strict,
    repositoryRoot: root,
    reporter,
    clock
  })

  const changed = location.bundled
    ? new Set<string>()
    : await changedFiles(context, parts)
  reportFindings(check, reporter, changed)
  reporter.setOutput('dictionary-errors', String(check.errors))
  reporter.setOutput('dictionary-warnings', String(check.warnings))
  reporter.setOutput('dictionary-sha256', check.sha256)
  await reporter.summary(summariseCheck(check, where))
  if (!location.bundled) await review(context, check, parts)

  if (check.errors > 0) throw new InvalidDictionaryError(check.errors, where)
  if (check.warnings === 0) {
    reporter.notice(`The data dictionary in ${where} passes every check.`)
  }
}

/**
 * The dictionary files the pull request (or the change since
 * dictionary-base-ref) touches; none when that cannot be told, which only
 * leaves the annotations in file order.
 */
async function changedFiles(
  context: Context,
  parts: ReviewParts
): Promise<ReadonlySet<string>> {
  const { inputs, env, reporter } = context
  const ref = inputs.dictionaryBaseRef || pullRequestOf(env)?.baseSha
  if (!ref) return new Set()
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd()
  try {
    return await changedSince(
      parts.git ?? gitIn(workspace),
      ref,
      relativeFolder(inputs.dictionaryDir, workspace)
    )
  } catch (error) {
    reporter.debug(
      `Could not tell which dictionary files changed since ${ref}: ${error instanceof Error ? error.message : String(error)}`
    )
    return new Set()
  }
}

/**
 * The review adds to the checks and never decides the run: a failure of its
 * own (git missing, the folder outside the repository) is a warning.
 */
async function review(
  context: Context,
  check: DictionaryCheck,
  parts: ReviewParts
): Promise<void> {
  const { inputs, reporter, env } = context
  try {
    await reviewAgainstBase({
      head: check.compiled.schema,
      dictionaryDir: inputs.dictionaryDir,
      baseRef: inputs.dictionaryBaseRef,
      githubToken: inputs.githubToken,
      env,
      reporter,
      // The base only needs compiling: its own findings are not this change's
      compile: (files) =>
        compileDictionary(
          loadDictionary({ files: Object.fromEntries(files) }),
          unknownStamp
        ).schema,
      ...parts
    })
  } catch (error) {
    reporter.warning(
      `The dictionary review could not be made: ${error instanceof Error ? error.message : String(error)}. The checks above still decide the run.`
    )
  }
}

export function validateDictionary(context: Context): Promise<void> {
  return checkDictionaryCommand(context, bundledExampleDictionary())
}
