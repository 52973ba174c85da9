import type { Context } from '../commands/context.js'
import { runShell } from '../ssm/command.js'
import type { Commons, CommonsOutputs } from '../stack/commons.js'
import { IncompleteStackError, outputKeys } from '../stack/commons.js'
import type { StackDeployment } from '../stack/deployment.js'
import { hibernatedParameter } from '../stack/stack-parameters.js'
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
  const missing = Object.values(outputKeys).filter(
    (key) => !deployment.outputs[key]
  )
  if (missing.length > 0) {
    throw new IncompleteStackError(
      deployment.stackName,
      deployment.status,
      missing
    )
  }
  const outputs = Object.fromEntries(
    Object.entries(outputKeys).map(([name, key]) => [
      name,
      deployment.outputs[key]
    ])
  ) as unknown as CommonsOutputs
  return {
    stackName: deployment.stackName,
    stackStatus: deployment.status,
    parameters: deployment.parameters,
    outputs
  }
}

/**
 * Deploy's last step: installs compose-services, or brings it up to date,
 * on the instance the stack just made or updated. A hibernated instance is
 * left asleep, since waking it is resume's decision; undefined says so.
 */
export async function provisionDeployed(
  context: Context,
  deployment: StackDeployment,
  configuration: Configuration,
  deadline: Deadline
): Promise<ProvisionReport | undefined> {
  const commons = commonsOfDeployment(deployment)
  if (deployment.parameters[hibernatedParameter] === 'true') {
    context.reporter.warning(
      `The commons is hibernated, so compose-services on ${commons.outputs.instanceId} was not installed or brought up to date: run resume, then deploy again.`
    )
    return undefined
  }
  return provisionInstance(context, commons, deadline, configuration)
}
