import type { ProbeResult } from '../http/probe.js'
import { probe } from '../http/probe.js'
import type { Reporter } from '../report/reporter.js'
import type { Deadline } from '../wait/clock.js'
import { waitFor, WaitTimeoutError } from '../wait/poll.js'

/**
 * The endpoints compose-services' own smoke_test.sh checks, each through
 * nginx and so through the load balancer (compose-services smoke_test.sh;
 * nginx's /_status answers without any service).
 */
export const healthEndpoints = [
  { service: 'revproxy-service', path: '/_status' },
  { service: 'portal-service', path: '/index.html' },
  { service: 'fence-service', path: '/user/.well-known/jwks' },
  { service: 'indexd-service', path: '/index/_status' },
  { service: 'peregrine-service', path: '/peregrine/_status' },
  { service: 'sheepdog-service', path: '/api/_status' },
  { service: 'pidgin-service', path: '/pidgin/_status' }
] as const

export interface HealthResult extends ProbeResult {
  service: string
  path: string
  healthy: boolean
}

export interface HealthOptions {
  fetch?: typeof fetch
  /** How long one request may take. */
  timeoutMilliseconds?: number
}

/** Some services did not answer 200 through the public URL in time. */
export class UnhealthyCommonsError extends Error {
  constructor(
    readonly url: string,
    readonly results: HealthResult[],
    elapsedSeconds: number
  ) {
    const failing = results.filter((result) => !result.healthy)
    super(
      `After ${elapsedSeconds} s, ${failing.length} of ${results.length} health endpoints of ${url} still fail: ` +
        failing.map(describe).join('; ') +
        '. The portal may need several minutes to build at its first start; see `docker compose logs <service>` in /opt/gen3/compose-services on the instance, or raise timeout-minutes.'
    )
    this.name = 'UnhealthyCommonsError'
  }
}

function describe(result: HealthResult): string {
  const answer =
    result.status === undefined
      ? (result.error ?? 'no answer')
      : `answered ${result.status}`
  return `${result.service} (${result.path}) ${answer}`
}

async function probeAll(
  base: string,
  options: HealthOptions
): Promise<HealthResult[]> {
  return Promise.all(
    healthEndpoints.map(async ({ service, path }) => {
      const result = await probe(`${base}${path}`, {
        timeoutMilliseconds: options.timeoutMilliseconds ?? 10_000,
        ...(options.fetch && { fetch: options.fetch })
      })
      return { ...result, service, path, healthy: result.status === 200 }
    })
  )
}

/**
 * Waits until every health endpoint answers 200 through the commons' public
 * URL, polling with backoff within the command's deadline.
 */
export async function checkHealth(
  url: string,
  deadline: Deadline,
  reporter: Reporter,
  options: HealthOptions = {}
): Promise<HealthResult[]> {
  const base = url.replace(/\/+$/, '')
  const started = deadline.elapsedSeconds()
  let last: HealthResult[] = []

  try {
    const results = await waitFor({
      what: `the health endpoints of ${base}`,
      deadline,
      firstDelayMilliseconds: 5_000,
      maxDelayMilliseconds: 30_000,
      onPending: (missing, seconds) => {
        reporter.debug(`Health of ${base} after ${seconds} s: ${missing}`)
      },
      poll: async () => {
        last = await probeAll(base, options)
        const failing = last.filter((result) => !result.healthy)
        return failing.length === 0
          ? { done: true, value: last }
          : { done: false, missing: failing.map(describe).join('; ') }
      }
    })
    reporter.info(
      `All ${results.length} health endpoints of ${base} answer 200 after ${deadline.elapsedSeconds() - started} s`
    )
    return results
  } catch (error) {
    if (error instanceof WaitTimeoutError) {
      throw new UnhealthyCommonsError(base, last, error.elapsedSeconds)
    }
    throw error
  }
}

/** The health results as a Markdown table for the job summary. */
export function healthTable(results: HealthResult[]): string {
  return [
    '| Service | Endpoint | Answer | Time |',
    '| --- | --- | --- | --- |',
    ...results.map(
      (result) =>
        `| ${result.service} | \`${result.path}\` | ${result.status ?? result.error ?? 'none'} | ${result.latencyMilliseconds} ms |`
    )
  ].join('\n')
}
