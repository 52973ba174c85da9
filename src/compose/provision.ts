import type { Context } from '../commands/context.js'
import { runShell } from '../ssm/command.js'
import type { Commons } from '../stack/commons.js'
import { commonsOf, requireAwake } from '../stack/commons.js'
import type { StackDeployment } from '../stack/deployment.js'
import { Deadline } from '../wait/clock.js'
import type { Configuration } from './configuration.js'
import type { HealthResult } from './health.js'
import { checkHealth } from './health.js'
import type { Rollout } from './rollout.js'
import {
  applyArguments,
  prepareRollout,
  rolloutSummary,
  scriptCommand
} from './rollout.js'

/** provision.sh may run this long on the instance: pulls of every image. */
const provisionTimeoutSeconds = 3_600

export interface ProvisionReport {
  rollout: Rollout
  health: HealthResult[]
}

/**
 * Installs compose-services on the commons' instance, or brings an earlier
 * installation up to date: checks the configuration, stores the OAuth
 * client, pushes the scripts and what changed, runs provision.sh (which is
 * safe to run again), then waits until the health endpoints answer through
 * the public URL.
 */
export async function provisionInstance(
  context: Context,
  commons: Commons,
  deadline: Deadline = Deadline.ofMinutes(
    context.clock,
    context.inputs.timeoutMinutes
  ),
  checked?: Configuration
): Promise<ProvisionReport> {
  const { inputs, reporter } = context
  const aws = context.aws()

  const rollout = await prepareRollout(context, commons, deadline, checked)
  const ref = inputs.composeServicesRef

  await reporter.group(
    `Installing compose-services ${ref.slice(0, 7)} on ${rollout.instanceId}`,
    async () => {
      const started = deadline.elapsedSeconds()
      await runShell(
        aws.ssm,
        {
          instanceId: rollout.instanceId,
          script: scriptCommand('provision.sh', [
            '--domain',
            rollout.domain,
            '--ref',
            ref,
            ...applyArguments(rollout, aws.region, inputs.stackName)
          ]),
          comment: `gen3-poc: provision compose-services ${ref.slice(0, 7)} for ${rollout.domain}`,
          timeoutSeconds: provisionTimeoutSeconds,
          logName: 'provision'
        },
        deadline,
        reporter
      )
      reporter.info(
        `compose-services is installed and started on ${rollout.instanceId} after ${deadline.elapsedSeconds() - started} s`
      )
    }
  )

  const health = await reporter.group(
    `Checking the health of ${rollout.url}`,
    () => checkHealth(rollout.url, deadline, reporter)
  )
  await reporter.summary(
    rolloutSummary('compose-services installed', rollout, health)
  )
  return { rollout, health }
}

/** The commons as a finished deployment left it, every output present. */
function commonsOfDeployment(deployment: StackDeployment): Commons {
  return commonsOf(
    deployment.stackName,
    deployment.status,
    deployment.outputs,
    deployment.parameters
  )
}

/**
 * Deploy's last step: installs compose-services, or brings it up to date,
 * on the instance the stack just made or updated. A hibernated instance has
 * no SSM agent to answer and waking it is resume's decision, so deploy fails
 * there, saying what to do, rather than report a configuration it never sent.
 */
export async function provisionDeployed(
  context: Context,
  deployment: StackDeployment,
  configuration: Configuration,
  deadline: Deadline
): Promise<ProvisionReport> {
  const commons = commonsOfDeployment(deployment)
  requireAwake(
    commons,
    'compose-services and the configuration were not installed on',
    'deploy'
  )
  return provisionInstance(context, commons, deadline, configuration)
}
