import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'

import { provisionDeployed } from '../compose/provision.js'
import { checkConfiguration } from '../compose/rollout.js'
import { deadlineOf } from '../stack/deadline.js'
import { deployStack } from '../stack/deploy-stack.js'
import type { StackDeployment } from '../stack/deployment.js'
import { deploymentMarkdown } from '../stack/summary.js'
import { synthesise } from '../template/synthesise.js'
import type { Deadline } from '../wait/clock.js'
import type { Context } from './context.js'

async function writeTemplate(file: string, body: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true })
  await writeFile(file, body)
}

/** The stack's outputs as the action's outputs, and the job summary. */
async function publish(
  context: Context,
  deployment: StackDeployment,
  deadline: Deadline
): Promise<void> {
  const { reporter } = context
  const { outputs } = deployment
  if (outputs.Url) reporter.setOutput('url', outputs.Url)
  if (outputs.InstanceId) reporter.setOutput('instance-id', outputs.InstanceId)
  reporter.setOutput('stack-status', deployment.status)
  reporter.setOutput('changed', String(deployment.changed))

  await reporter.summary(
    deploymentMarkdown(
      deployment,
      context.aws().region,
      deadline.elapsedSeconds()
    )
  )
}

/**
 * Synthesises the template, writes it to template-file, creates or updates
 * the stack through a change set, then installs compose-services and the
 * centre's configuration on the instance. The configuration is checked
 * first, so a mistake in it stops the run before the stack is touched.
 */
export async function deploy(context: Context): Promise<void> {
  const { inputs, reporter } = context
  const deadline = deadlineOf(context)

  const synthesis = synthesise(inputs)
  await writeTemplate(inputs.templateFile, synthesis.body)
  reporter.setOutput('template-file', inputs.templateFile)
  reporter.info(`Wrote the template to ${inputs.templateFile}`)

  try {
    const configuration = await checkConfiguration(context, inputs.domain ?? '')
    const deployment = await deployStack(context, synthesis, deadline)
    await publish(context, deployment, deadline)
    await provisionDeployed(context, deployment, configuration, deadline)
  } catch (error) {
    await reporter.summary(
      `### Deploy of \`${inputs.stackName}\` failed\n\n${error instanceof Error ? error.message : String(error)}\n`
    )
    throw error
  }
}
