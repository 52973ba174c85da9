import { existsSync } from 'node:fs'

import { checkEnvironmentRegion } from '../aws/clients.js'
import { defaultConfigDir } from '../compose/layout.js'
import { checkConfiguration } from '../compose/configuration.js'
import { estimateCost } from '../cost/estimate.js'
import { fallbackRegion } from '../cost/prices.js'
import { costLines, costMarkdown } from '../cost/table.js'
import { bundledExampleDictionary } from '../dictionary/location.js'
import { InputError } from '../errors.js'
import { checkCertificateRegion } from '../template/certificate.js'
import { describePlan, planLines, planMarkdown } from '../template/plan.js'
import { wakeInstructionsFrom } from '../template/sleep-page.js'
import { synthesise } from '../template/synthesise.js'
import type { Context } from './context.js'
import { writeTemplateFile } from './template-file.js'
import { checkAndReport, concludeCheck } from './validate-dictionary.js'

/** The domain synth uses when none is given; deploy refuses it. */
export const exampleDomain = 'gen3.example.org'

/** The input, else the environment the SDK reads, else us-east-1. */
export function synthRegion(
  input: string | undefined,
  env: NodeJS.ProcessEnv
): string {
  if (input !== undefined) return input
  checkEnvironmentRegion(env)
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || fallbackRegion
}

/**
 * Renders the template, checks it, writes it to template-file, shows the
 * plan and what it costs a month, then checks the data dictionary (the
 * bundled example when the default dictionary-dir is absent) and the
 * configuration deploy would install. No AWS call and no credentials: a
 * centre runs it before it has an account. Bad inputs fail before anything
 * is written; a dictionary or configuration with errors fails the run once
 * the plan is out.
 */
export async function synth(context: Context): Promise<void> {
  const { inputs, reporter, env } = context
  const region = synthRegion(inputs.region, env)
  const domain = inputs.domain ?? exampleDomain

  // Only a region someone chose can be held against the certificate.
  const chosenRegion =
    inputs.region ?? (env.AWS_REGION || env.AWS_DEFAULT_REGION)
  const misplaced =
    chosenRegion && checkCertificateRegion(inputs.certificateArn, chosenRegion)
  if (misplaced) throw new InputError([misplaced])

  const synthesis = synthesise({ ...inputs, domain }, wakeInstructionsFrom(env))
  const plan = describePlan(synthesis, { ...inputs, domain }, region)
  const cost = estimateCost(synthesis.template, region)

  if (!inputs.domain) {
    reporter.notice(
      `No domain given: the plan uses ${exampleDomain}. deploy needs the commons' real domain and its hosted-zone-id.`
    )
  }

  await reporter.group('Template', async () => {
    await writeTemplateFile(inputs.templateFile, `${synthesis.body}\n`)
    reporter.info(
      `Wrote ${inputs.templateFile}: ${plan.resourceCount} resources, ${Buffer.byteLength(synthesis.body).toLocaleString('en-US')} bytes`
    )
  })

  await reporter.group('Plan', () => {
    for (const line of planLines(plan)) reporter.info(line)
    for (const warning of plan.warnings) reporter.warning(warning)
    return Promise.resolve()
  })

  await reporter.group('Cost', () => {
    for (const line of costLines(cost)) reporter.info(line)
    for (const warning of cost.warnings) reporter.warning(warning)
    return Promise.resolve()
  })

  reporter.setOutput('template-file', inputs.templateFile)
  reporter.setOutput('plan', JSON.stringify({ ...plan, cost }, null, 2))
  reporter.setOutput('cost-running', cost.running.toFixed(2))
  reporter.setOutput('cost-hibernated', cost.hibernated.toFixed(2))

  await reporter.summary(
    [
      planMarkdown(plan),
      '',
      costMarkdown(cost),
      '',
      `Template: \`${inputs.templateFile}\`. Deploy it with the \`deploy\` command, or from the CloudFormation console.`
    ].join('\n')
  )

  // No pull request to compare with here: the annotations come in file order.
  const dictionary = await checkAndReport(
    context,
    bundledExampleDictionary(),
    () => Promise.resolve(new Set<string>())
  )
  // Both are checked, so one run shows every finding; the first failure ends it.
  let failure: Error | undefined
  try {
    concludeCheck(dictionary, reporter)
  } catch (error) {
    failure = asError(error)
  }
  try {
    await checkCentreConfiguration(context, domain)
  } catch (error) {
    failure ??= asError(error)
  }
  if (failure) throw failure
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}

/**
 * The configuration deploy would install, checked for the plan's domain: a
 * pull request can run synth to have it checked with no AWS account. The
 * default folder may be absent before a centre has written one.
 */
async function checkCentreConfiguration(
  context: Context,
  domain: string
): Promise<void> {
  const { inputs, reporter } = context
  if (inputs.configDir === defaultConfigDir && !existsSync(defaultConfigDir)) {
    reporter.notice(
      `${defaultConfigDir} does not exist: no configuration was checked. deploy needs one, with at least its user.yaml.`
    )
    return
  }
  await checkConfiguration(context, domain)
}
