import { checkConfiguration } from '../compose/configuration.js'
import { checkHealth } from '../compose/health.js'
import {
  applyArguments,
  prepareRollout,
  rolloutSummary,
  scriptCommand
} from '../compose/rollout.js'
import { runShell } from '../ssm/command.js'
import { findCommons, requireAwake } from '../stack/commons.js'
import { Deadline } from '../wait/clock.js'
import type { Context } from './context.js'

/** Restarts and the user sync may take this long on the instance. */
const applyTimeoutSeconds = 1_200

/**
 * Pushes the centre's configuration: checks every file, stores the OAuth
 * client, sends what differs from the instance, installs it and restarts
 * only the services that read it, then checks the health endpoints
 * through the public URL.
 */
export async function pushConfig(context: Context): Promise<void> {
  const { inputs, reporter } = context
  const deadline = Deadline.ofMinutes(context.clock, inputs.timeoutMinutes)
  const aws = context.aws()

  // With the domain given, a mistake in the files stops the run before AWS.
  const early = inputs.domain
    ? await checkConfiguration(context, inputs.domain)
    : undefined

  const commons = await findCommons(
    aws.cloudFormation,
    inputs.stackName,
    aws.region
  )
  reporter.setOutput('url', commons.outputs.url)
  reporter.setOutput('instance-id', commons.outputs.instanceId)
  requireAwake(commons, 'the configuration was not pushed to', 'push-config')

  // The stack's own domain decides; files checked for another are checked again.
  const checked =
    inputs.domain === new URL(commons.outputs.url).hostname ? early : undefined
  const rollout = await prepareRollout(context, commons, deadline, checked)
  const { plan } = rollout
  const nothingToApply =
    rollout.changed.length === 0 &&
    rollout.removed.length === 0 &&
    !rollout.oauthClient.changed

  if (nothingToApply) {
    reporter.notice(
      `The configuration on ${rollout.instanceId} is already as in ${inputs.configDir}: nothing to install or restart`
    )
  } else {
    await reporter.group(
      `Installing the configuration on ${rollout.instanceId}`,
      async () => {
        const started = deadline.elapsedSeconds()
        await runShell(
          aws.ssm,
          {
            instanceId: rollout.instanceId,
            script: scriptCommand(
              'apply-config.sh',
              applyArguments(rollout, aws.region, inputs.stackName)
            ),
            comment: `gen3-poc: apply ${[...rollout.changed, ...rollout.removed].join(', ') || 'the OAuth client'}`,
            timeoutSeconds: applyTimeoutSeconds,
            logName: 'push-config'
          },
          deadline,
          reporter
        )
        reporter.info(
          `Installed the configuration and ${plan.services.length > 0 || plan.recreate ? 'restarted what reads it' : 'restarted nothing'} after ${deadline.elapsedSeconds() - started} s`
        )
      }
    )
  }

  const health = await reporter.group(
    `Checking the health of ${rollout.url}`,
    () => checkHealth(rollout.url, deadline, reporter)
  )
  await reporter.summary(
    rolloutSummary('Configuration pushed', rollout, health)
  )
}
