import { checkDictionary, type PlacedFinding } from '../dictionary/check.js'
import {
  hasPortalConfiguration,
  locateCentreDictionary
} from '../dictionary/location.js'
import { DictionaryInvalidError } from '../dictionary/push/errors.js'
import type { CheckedDictionary, Transport } from '../dictionary/push/flow.js'
import { pushAndReload, ssmTransport } from '../dictionary/push/flow.js'
import { annotationText, beyondAnnotations } from '../dictionary/report.js'
import { findCommons, requireAwake } from '../stack/commons.js'
import { Deadline } from '../wait/clock.js'
import type { Context } from './context.js'

/** One problem the dictionary checks found, at its file and line. */
export interface Finding {
  severity: 'error' | 'warning'
  rule: string
  message: string
  file?: string
  line?: number
}

export interface DictionaryCheck extends CheckedDictionary {
  findings: readonly Finding[]
}

/** Validates and compiles the dictionary folder. */
export type CheckDictionary = (
  directory: string,
  options: { strict: boolean; repositoryRoot: string; configDir: string }
) => DictionaryCheck | Promise<DictionaryCheck>

export interface PushDictionaryParts {
  checkDictionary: CheckDictionary
  transport: Transport
  fetch?: typeof fetch
}

function pushFinding(item: PlacedFinding): Finding {
  return {
    severity: item.severity,
    rule: item.rule,
    message: annotationText(item),
    ...(item.path !== undefined && { file: item.path }),
    ...(item.path !== undefined &&
      item.place?.line !== undefined && { line: item.place.line })
  }
}

/**
 * The checks of validate-dictionary on the centre's own folder; unlike
 * validate-dictionary, a missing folder is an error, never the example.
 */
export const checkCentreDictionary: CheckDictionary = async (
  directory,
  options
) => {
  const dir = await locateCentreDictionary(directory, options.repositoryRoot)
  const check = await checkDictionary(dir, {
    strict: options.strict,
    repositoryRoot: options.repositoryRoot,
    portalConfigured: hasPortalConfiguration(
      { dir, bundled: false },
      options.configDir,
      options.repositoryRoot
    )
  })
  return {
    findings: check.findings.map(pushFinding),
    compiled: check.compiled.schema,
    schemaJson: check.schemaJson,
    sha256: check.sha256
  }
}

const defaultParts: PushDictionaryParts = {
  checkDictionary: checkCentreDictionary,
  transport: ssmTransport
}

export function pushDictionary(context: Context): Promise<void> {
  return runPushDictionary(context, defaultParts)
}

/**
 * Validates and compiles the dictionary (nothing is pushed when it has
 * errors), then pushes it to the commons and reloads the services.
 */
export async function runPushDictionary(
  context: Context,
  parts: PushDictionaryParts
): Promise<void> {
  const { inputs, reporter, clock } = context
  const deadline = Deadline.ofMinutes(clock, inputs.timeoutMinutes)

  const dictionary = await reporter.group('Validate the dictionary', () =>
    validate(context, parts.checkDictionary)
  )

  const aws = context.aws()
  const commons = await findCommons(
    aws.cloudFormation,
    inputs.stackName,
    aws.region
  )
  requireAwake(commons, 'the dictionary was not pushed to', 'push-dictionary')
  const { instanceId, url } = commons.outputs
  reporter.info(`Pushing the dictionary to ${url} (instance ${instanceId}).`)

  const outcome = await pushAndReload({
    dictionary,
    instanceId,
    url,
    ssm: aws.ssm,
    deadline,
    reporter,
    transport: parts.transport,
    ...(parts.fetch && { fetch: parts.fetch })
  })

  await reporter.summary(
    [
      '### Data dictionary pushed',
      '',
      '| | |',
      '| --- | --- |',
      `| Commons | ${url} |`,
      `| Dictionary | ${inputs.dictionaryDir}, ${outcome.nodes} nodes |`,
      `| SHA-256 | \`${dictionary.sha256}\` |`,
      `| Served file | \`${outcome.file}\`${outcome.previous && outcome.previous !== outcome.file ? ` (was \`${outcome.previous}\`)` : ''} |`,
      `| Services | ${outcome.unchanged ? 'already serving it, not restarted' : 'sheepdog, peregrine, portal and tube restarted'} |`,
      `| Took | ${deadline.elapsedSeconds()} s |`,
      ''
    ].join('\n')
  )
}

async function validate(
  context: Context,
  checkDictionary: CheckDictionary
): Promise<CheckedDictionary> {
  const { inputs, reporter, env } = context
  const check = await checkDictionary(inputs.dictionaryDir, {
    strict: inputs.strict,
    repositoryRoot: env.GITHUB_WORKSPACE ?? process.cwd(),
    configDir: inputs.configDir
  })

  let errors = 0
  let warnings = 0
  for (const finding of check.findings) {
    const place = finding.file
      ? {
          file: finding.file,
          title: finding.rule,
          ...(finding.line !== undefined && { line: finding.line })
        }
      : undefined
    if (finding.severity === 'error') {
      errors++
      reporter.error(finding.message, place)
    } else {
      warnings++
      reporter.warning(finding.message, place)
    }
  }
  const beyond = beyondAnnotations(errors, warnings)
  if (beyond !== undefined) reporter.notice(beyond)
  reporter.setOutput('dictionary-errors', String(errors))
  reporter.setOutput('dictionary-warnings', String(warnings))
  if (errors > 0) throw new DictionaryInvalidError(errors, inputs.dictionaryDir)

  reporter.setOutput('dictionary-sha256', check.sha256)
  reporter.info(
    `The dictionary is valid (${warnings} warning${warnings === 1 ? '' : 's'}); SHA-256 ${check.sha256}.`
  )
  return {
    compiled: check.compiled,
    schemaJson: check.schemaJson,
    sha256: check.sha256
  }
}
