import type { StackDeployment } from './deployment.js'
import type { CommonsStatus } from './status.js'
import type { TargetHealth } from './target-health.js'

/** "i-0abc:80 unhealthy (Target.Timeout: Request timed out)" */
export function describeTarget(target: TargetHealth): string {
  const where = target.port === null ? target.id : `${target.id}:${target.port}`
  const why = [target.reason, target.description].filter(Boolean).join(': ')
  return `${where} ${target.state}${why ? ` (${why})` : ''}`
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

function table(rows: readonly (readonly [string, string])[]): string {
  return [
    '| | |',
    '| --- | --- |',
    ...rows.map(([name, value]) => `| ${cell(name)} | ${cell(value)} |`),
    ''
  ].join('\n')
}

/** The job summary of a deploy's stack phase: what happened and the outputs. */
export function deploymentMarkdown(
  deployment: StackDeployment,
  region: string,
  elapsedSeconds: number
): string {
  const what = deployment.created
    ? 'created'
    : deployment.changed
      ? 'updated'
      : 'already up to date'
  const outputs = Object.entries(deployment.outputs).sort(([a], [b]) =>
    a.localeCompare(b)
  )
  return [
    `### Stack \`${deployment.stackName}\` ${what} (${region})`,
    '',
    `${deployment.status} after ${elapsedSeconds} s; ${deployment.changes.length} resource change${deployment.changes.length === 1 ? '' : 's'}.`,
    '',
    outputs.length === 0
      ? '_The stack has no outputs._\n'
      : table(outputs.map(([key, value]) => [key, value])),
    ''
  ].join('\n')
}

function instanceText(status: CommonsStatus): string {
  const instance = status.instance
  if (!instance) return 'none yet'
  const parts = [
    `${instance.id} ${instance.state}`,
    instance.type,
    instance.hibernationConfigured
      ? 'hibernation configured'
      : 'hibernation NOT configured'
  ].filter(Boolean)
  return (
    parts.join(', ') +
    (instance.stateReason ? ` (${instance.stateReason})` : '')
  )
}

function probeText(status: CommonsStatus): string {
  const probe = status.probe
  if (!probe) return 'no URL yet'
  return probe.status === null
    ? `${probe.url}: no answer after ${probe.latencyMilliseconds} ms (${probe.error ?? 'unknown error'})`
    : `${probe.url}: HTTP ${probe.status} in ${probe.latencyMilliseconds} ms`
}

/** The status as rows of name and value, for the log and the summary. */
export function statusRows(status: CommonsStatus): [string, string][] {
  const stack =
    status.stack.status +
    (status.stack.hibernated === true ? ', hibernated' : '') +
    (status.stack.natGatewayRemoved === true
      ? ', NAT gateway removed until resume'
      : '') +
    (status.stack.reason ? ` (${status.stack.reason})` : '')
  return [
    ['Stack', stack],
    ['Instance', instanceText(status)],
    [
      'Load balancer targets',
      status.targets.length === 0
        ? 'none registered'
        : status.targets.map(describeTarget).join('; ')
    ],
    ['HTTPS', probeText(status)]
  ]
}

export function statusMarkdown(status: CommonsStatus): string {
  return [
    `### Gen3 commons \`${status.stackName}\` (${status.region})`,
    '',
    table(statusRows(status))
  ].join('\n')
}
