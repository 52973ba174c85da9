import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'

import { provisionInstance } from '../compose/provision.js'
import { commonsOf } from '../stack/commons.js'
import { deadlineOf } from '../stack/deadline.js'
import { deployStack } from '../stack/deploy-stack.js'
import type { StackDeployment } from '../stack/deployment.js'
import { hibernatedParameter } from '../stack/stack-parameters.js'
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

/** The stack is up to date, but its instance sleeps and cannot be installed. */
export class HibernatedCommonsError extends Error {
  constructor(stackName: string) {
    super(
      `Stack '${stackName}' is hibernated, so compose-services and the configuration were not installed on its instance: run resume, then deploy again.`
    )
    this.name = 'HibernatedCommonsError'
  }
}

/**
 * Installs compose-services on the stack's instance, or brings it up to
 * date, with the configuration. A hibernated instance has no SSM agent to
 * answer, so deploy stops there, saying what to do.
 */
async function install(
  context: Context,
  deployment: StackDeployment,
  deadline: Deadline
): Promise<void> {
  if (deployment.parameters[hibernatedParameter] === 'true') {
    throw new HibernatedCommonsError(deployment.stackName)
  }

  const commons = commonsOf(
    deployment.stackName,
    deployment.status,
    deployment.outputs,
    deployment.parameters
  )
  await provisionInstance(context, commons, deadline)
}

/**
 * Synthesises the template, writes it to template-file, creates or updates
 * the stack through a change set, then installs compose-services and the
 * configuration on the instance, all within one time budget.
 */
export async function deploy(context: Context): Promise<void> {
  const { inputs, reporter } = context
  const deadline = deadlineOf(context)

  const synthesis = synthesise(inputs)
  await writeTemplate(inputs.templateFile, synthesis.body)
  reporter.setOutput('template-file', inputs.templateFile)
  reporter.info(`Wrote the template to ${inputs.templateFile}`)

  try {
    const deployment = await deployStack(context, synthesis, deadline)
    await publish(context, deployment, deadline)
    await install(context, deployment, deadline)
  } catch (error) {
    await reporter.summary(
      `### Deploy of \`${inputs.stackName}\` failed\n\n${error instanceof Error ? error.message : String(error)}\n`
    )
    throw error
  }
}
