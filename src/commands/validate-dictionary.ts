import path from 'node:path'

import { checkDictionary, InvalidDictionaryError } from '../dictionary/check.js'
import {
  bundledExampleDictionary,
  locateDictionary,
  repositoryRootOf
} from '../dictionary/location.js'
import { reportFindings, summariseCheck } from '../dictionary/report.js'
import type { Context } from './context.js'

/**
 * Checks the dictionary as strictly as Gen3's own tools and more: each
 * finding an annotation on its file and line, the counts and the compiled
 * schema's checksum as outputs, a table in the job summary. Fails on errors.
 */
export async function checkDictionaryCommand(
  context: Context,
  example: string
): Promise<void> {
  const { inputs, reporter, env, clock } = context
  const root = repositoryRootOf(env)
  const location = await locateDictionary(inputs.dictionaryDir, root, example)
  const where = location.bundled
    ? 'the bundled example dictionary'
    : path.relative(root, location.dir) || '.'
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

  reportFindings(check, reporter)
  reporter.setOutput('dictionary-errors', String(check.errors))
  reporter.setOutput('dictionary-warnings', String(check.warnings))
  reporter.setOutput('dictionary-sha256', check.sha256)
  await reporter.summary(summariseCheck(check, where))

  if (check.errors > 0) throw new InvalidDictionaryError(check.errors, where)
  if (check.warnings === 0) {
    reporter.notice(`The data dictionary in ${where} passes every check.`)
  }
}

export function validateDictionary(context: Context): Promise<void> {
  return checkDictionaryCommand(context, bundledExampleDictionary())
}
