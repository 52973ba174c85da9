import { provisionDeployed } from '../compose/provision.js'
import { checkConfiguration } from '../compose/configuration.js'
import { deadlineOf } from '../stack/deadline.js'
import { deployStack } from '../stack/deploy-stack.js'
import { checkExistingNetwork } from '../stack/existing-network.js'
import type { StackDeployment } from '../stack/deployment.js'
import { deploymentMarkdown } from '../stack/summary.js'
import { InputError } from '../errors.js'
import { checkCertificateRegion } from '../template/certificate.js'
import { wakeInstructionsFrom } from '../template/sleep-page.js'
import { synthesise } from '../template/synthesise.js'
import type { Deadline } from '../wait/clock.js'
import type { Context } from './context.js'
import { writeTemplateFile } from './template-file.js'

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
 * centre's configuration on the instance. The inputs that need AWS to check
 * (the certificate's region, the centre's subnets) and the configuration are
 * checked first, so a mistake stops the run before the stack is touched. The
 * template is synth's for the same inputs and run: its sleep page names the
 * repository that deployed it.
 */
export async function deploy(context: Context): Promise<void> {
  const { inputs, reporter } = context
  const deadline = deadlineOf(context)

  const misplaced = checkCertificateRegion(
    inputs.certificateArn,
    context.aws().region
  )
  if (misplaced) throw new InputError([misplaced])
  const synthesis = synthesise(inputs, wakeInstructionsFrom(context.env))
  if (inputs.network.kind === 'existing') {
    await checkExistingNetwork(context.aws().ec2, inputs.network)
  }

  await writeTemplateFile(inputs.templateFile, synthesis.body)
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
