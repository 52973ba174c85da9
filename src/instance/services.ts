import type { SSMClient } from '@aws-sdk/client-ssm'

import type { Reporter } from '../report/reporter.js'
import { runShell } from '../ssm/command.js'
import type { Deadline } from '../wait/clock.js'

/** The systemd unit that runs compose-services on the instance. */
export const composeUnit = 'gen3-compose.service'

/** Longest the unit may take to bring the services up, in seconds. */
const startSeconds = 900

/**
 * After hibernation the unit is still active and the containers still run.
 * After a plain stop the unit starts them at boot, or here if it has not.
 * Then one line per compose container: "service <name> <state>".
 */
export function servicesScript(unit: string = composeUnit): string {
  return [
    'set -eu',
    `unit='${unit}'`,
    'if systemctl is-active --quiet "$unit"; then',
    '  echo "unit active"',
    'else',
    '  systemctl start "$unit"',
    '  echo "unit started"',
    'fi',
    'docker ps --all --filter label=com.docker.compose.project \\',
    `  --format 'service {{.Label "com.docker.compose.service"}} {{.State}}'`
  ].join('\n')
}

export interface ServicesState {
  /** Whether the unit had to be started, as after a plain stop. */
  unitStarted: boolean
  running: string[]
  down: { service: string; state: string }[]
}

/** Reads what servicesScript printed. */
export function readServices(stdout: string): ServicesState {
  const state: ServicesState = { unitStarted: false, running: [], down: [] }
  for (const line of stdout.split('\n')) {
    const words = line.trim().split(/\s+/)
    if (words[0] === 'unit') state.unitStarted = words[1] === 'started'
    if (words[0] !== 'service' || !words[1]) continue
    const containerState = words[2] ?? 'unknown'
    if (containerState === 'running') state.running.push(words[1])
    else state.down.push({ service: words[1], state: containerState })
  }
  state.running.sort()
  state.down.sort((a, b) => a.service.localeCompare(b.service))
  return state
}

/** One line for the log and the summary. */
export function describeServices(services: ServicesState): string {
  const unit = services.unitStarted
    ? `started ${composeUnit}`
    : `${composeUnit} was already active`
  const total = services.running.length + services.down.length
  return `${unit}; ${services.running.length} of ${total} services running`
}

/**
 * Makes sure the compose unit is active and lists its containers. Containers
 * that are down are a warning, not a failure: the load balancer's health
 * check and the HTTPS probe decide whether the commons answers.
 */
export async function ensureServicesUp(
  ssm: SSMClient,
  instanceId: string,
  deadline: Deadline,
  reporter: Reporter
): Promise<ServicesState> {
  const result = await runShell(
    ssm,
    {
      instanceId,
      script: servicesScript(),
      comment: `gen3-poc resume: make sure ${composeUnit} is up`,
      timeoutSeconds: Math.max(
        30,
        Math.min(
          startSeconds,
          Math.floor(deadline.remainingMilliseconds() / 1000)
        )
      )
    },
    deadline,
    reporter
  )

  const services = readServices(result.stdout)
  reporter.info(
    `${describeServices(services)} (${deadline.elapsedSeconds()} s)`
  )
  if (services.running.length + services.down.length === 0) {
    reporter.warning(
      `${composeUnit} is active but no compose container exists on ${instanceId}: run deploy to install compose-services again.`
    )
  } else if (services.down.length > 0) {
    const list = services.down
      .map((down) => `${down.service} (${down.state})`)
      .join(', ')
    reporter.warning(
      `${services.down.length} compose services are not running on ${instanceId}: ${list}. The commons may work without them; their logs say why (docker logs <name>).`
    )
  }
  return services
}
