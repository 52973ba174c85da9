import path from 'node:path'

import {
  checkDictionary,
  type DictionaryCheck,
  InvalidDictionaryError
} from '../dictionary/check.js'
import { compileDictionary, unknownStamp } from '../dictionary/compile.js'
import { loadDictionary } from '../dictionary/load.js'
import type { DictionaryLocation } from '../dictionary/location.js'
import {
  bundledExampleDictionary,
  hasPortalConfiguration,
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

/** One dictionary checked and reported. */
export interface ReportedCheck {
  check: DictionaryCheck
  location: DictionaryLocation
  /** The folder as the user knows it, or "the bundled example dictionary". */
  where: string
}

/**
 * Finds dictionary-dir (the bundled example standing in when it is absent),
 * checks it, and reports the findings as annotations on file and line
 * (the files in `changed` first), the counts and the compiled schema's
 * checksum as outputs, and a table in the job summary.
 */
export async function checkAndReport(
  context: Context,
  example: string,
  changed: (location: DictionaryLocation) => Promise<ReadonlySet<string>>
): Promise<ReportedCheck> {
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
    portalConfigured: hasPortalConfiguration(location, inputs.configDir, root),
    repositoryRoot: root,
    reporter,
    clock
  })

  reportFindings(check, reporter, await changed(location))
  reporter.setOutput('dictionary-errors', String(check.errors))
  reporter.setOutput('dictionary-warnings', String(check.warnings))
  reporter.setOutput('dictionary-sha256', check.sha256)
  await reporter.summary(summariseCheck(check, where))
  return { check, location, where }
}

/** Fails on errors; says so when nothing at all was found. */
export function concludeCheck(
  { check, where }: ReportedCheck,
  reporter: Context['reporter']
): void {
  if (check.errors > 0) throw new InvalidDictionaryError(check.errors, where)
  if (check.warnings === 0) {
    reporter.notice(`The data dictionary in ${where} passes every check.`)
  }
}

/**
 * Checks the dictionary as strictly as Gen3's own tools and more, reports
 * it, then compares it with the base branch's and posts the review. Fails on
 * errors.
 */
export async function checkDictionaryCommand(
  context: Context,
  example: string,
  parts: ReviewParts = {}
): Promise<void> {
  const reported = await checkAndReport(context, example, (location) =>
    location.bundled
      ? Promise.resolve(new Set<string>())
      : changedFiles(context, parts)
  )
  if (!reported.location.bundled) {
    await review(context, reported.check, parts)
  }
  concludeCheck(reported, context.reporter)
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
