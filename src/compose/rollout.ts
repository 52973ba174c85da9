import { createHash } from 'node:crypto'

import type { Context } from '../commands/context.js'
import { waitForAgent } from '../ssm/agent.js'
import type { Commons } from '../stack/commons.js'
import type { StoredOauthClient } from '../ssm/parameters.js'
import { oauthParameterNames, storeOauthClient } from '../ssm/parameters.js'
import { pushFiles, readChecksums } from '../ssm/payload.js'
import { quote } from '../ssm/quote.js'
import { Deadline } from '../wait/clock.js'
import type { Configuration } from './configuration.js'
import { checkConfiguration } from './configuration.js'
import type { HealthResult } from './health.js'
import { healthTable } from './health.js'
import type { ConfigFileName } from './layout.js'
import { configFileNames, stagedPath } from './layout.js'
import type { RestartPlan } from './restarts.js'
import { describePlan, restartsFor } from './restarts.js'
import type { InstanceScript } from './scripts.js'
import { instanceScripts, scriptPath } from './scripts.js'

/** What was pushed to the instance, and what must follow there. */
export interface Rollout {
  instanceId: string
  url: string
  domain: string
  configuration: Configuration
  /** Configuration files sent because they differ from the instance's. */
  changed: ConfigFileName[]
  /** Files the instance has from an earlier push that the folder lacks. */
  removed: ConfigFileName[]
  scriptsChanged: number
  oauthClient: StoredOauthClient
  plan: RestartPlan
  calls: number
}

/** How long to wait for the instance's SSM agent at most. */
const agentWaitMilliseconds = 10 * 60_000

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex')
}

/**
 * The steps deploy and push-config share: check the configuration (unless
 * the caller already did), store the OAuth client, wait for the agent, and
 * push what differs from the instance (scripts and configuration),
 * comparing SHA-256 first. Nothing reaches the instance when the
 * configuration has an error.
 */
export async function prepareRollout(
  context: Context,
  commons: Commons,
  deadline: Deadline,
  checked?: Configuration
): Promise<Rollout> {
  const { inputs, reporter } = context
  const ssm = context.aws().ssm
  const { url, instanceId } = commons.outputs
  const domain = new URL(url).hostname

  const configuration = checked ?? (await checkConfiguration(context, domain))

  const oauthClient = await reporter.group(
    'Storing the OAuth client in SSM Parameter Store',
    () =>
      storeOauthClient(
        ssm,
        inputs.stackName,
        {
          clientId: inputs.oauthClientId,
          clientSecret: inputs.oauthClientSecret
        },
        reporter
      )
  )

  // A registered agent is back within minutes; longer means a stopped instance.
  const agentDeadline = new Deadline(
    deadline.clock,
    Math.min(deadline.remainingMilliseconds(), agentWaitMilliseconds)
  )
  await reporter.group(`Waiting for the SSM agent on ${instanceId}`, () =>
    waitForAgent(ssm, instanceId, agentDeadline, reporter)
  )

  return reporter.group(`Pushing what changed to ${instanceId}`, async () => {
    const scripts = instanceScripts()
    const remote = await readChecksums(
      ssm,
      instanceId,
      [
        ...scripts.map((script) => script.path),
        ...configFileNames.map(stagedPath)
      ],
      deadline,
      reporter
    )

    const changedFiles = configuration.files.filter(
      (file) => remote[file.target] !== sha256(file.content)
    )
    const present = new Set(configuration.files.map((file) => file.name))
    // Without a folder at all, config-dir is more likely wrong than empty.
    const removed = configuration.found
      ? configFileNames.filter(
          (name) => !present.has(name) && remote[stagedPath(name)] !== undefined
        )
      : []
    const changedScripts = scripts.filter(
      (script) => remote[script.path] !== sha256(script.content)
    )

    const payloads = [
      ...changedScripts,
      ...changedFiles.map((file) => ({
        path: file.target,
        content: file.content
      }))
    ]
    if (payloads.length === 0 && removed.length === 0) {
      reporter.notice(
        `${instanceId} already has the scripts and the configuration in ${inputs.configDir}: nothing to push`
      )
    }
    const pushed = await pushFiles(
      ssm,
      instanceId,
      payloads,
      deadline,
      reporter
    )
    for (const name of removed) {
      reporter.info(
        `${inputs.configDir}/${name} is gone from the repository: upstream's takes its place`
      )
    }

    const plan = restartsFor(
      [...changedFiles.map((file) => file.name), ...removed],
      oauthClient.changed
    )
    reporter.info(`Then on the instance: ${describePlan(plan)}`)

    return {
      instanceId,
      url,
      domain,
      configuration,
      changed: changedFiles.map((file) => file.name),
      removed,
      scriptsChanged: changedScripts.length,
      oauthClient,
      plan,
      calls: pushed.calls
    }
  })
}

/** The arguments apply-config.sh and provision.sh take for a rollout. */
export function applyArguments(
  rollout: Rollout,
  region: string,
  stackName: string
): string[] {
  const names = oauthParameterNames(stackName)
  const { plan } = rollout
  return [
    '--region',
    region,
    '--client-id-parameter',
    names.clientId,
    '--client-secret-parameter',
    names.clientSecret,
    ...plan.services.flatMap((service) => ['--restart', service]),
    ...(plan.syncUsers ? ['--sync-users'] : []),
    ...(plan.recreate ? ['--recreate'] : []),
    ...rollout.removed.flatMap((name) => ['--remove', name])
  ]
}

/** A command line running one of the instance scripts. */
export function scriptCommand(name: InstanceScript, args: string[]): string {
  return ['bash', scriptPath(name), ...args].map(quote).join(' ')
}

/** What happened to each file, the restarts and the health, in Markdown. */
export function rolloutSummary(
  title: string,
  rollout: Rollout,
  health: HealthResult[] | undefined
): string {
  const state = (name: ConfigFileName): string => {
    if (rollout.removed.includes(name)) return "removed: upstream's again"
    if (rollout.changed.includes(name)) return 'updated'
    return rollout.configuration.files.some((file) => file.name === name)
      ? 'unchanged'
      : "not in the repository: upstream's"
  }
  const oauth = rollout.oauthClient.states
  const lines = [
    `### ${title}`,
    '',
    `Commons: ${rollout.url} (instance \`${rollout.instanceId}\`)`,
    '',
    '| File | On the instance |',
    '| --- | --- |',
    ...configFileNames.map((name) => `| \`${name}\` | ${state(name)} |`),
    '',
    `OAuth client: id ${oauth.clientId}, secret ${oauth.clientSecret} (SSM SecureString parameters).`,
    '',
    `Restarts: ${describePlan(rollout.plan)}.`,
    ''
  ]
  if (health) lines.push(healthTable(health), '')
  return lines.join('\n')
}
