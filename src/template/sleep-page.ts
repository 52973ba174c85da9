import type { Json, Parameter, Resource, Resources } from './cloudformation.js'
import { ref } from './cloudformation.js'
import { lifecycleSwitch, parameterNames } from './parameters.js'

/** Where the sleep page sends people to wake the commons. */
export interface WakeInstructions {
  /** owner/name of the repository whose workflow runs the action. */
  repository?: string | undefined
  /** The GitHub server, https://github.com unless GitHub Enterprise. */
  serverUrl?: string | undefined
}

/** The sleep page names the repository whose workflow wakes the commons. */
export function wakeInstructionsFrom(env: NodeJS.ProcessEnv): WakeInstructions {
  return {
    repository: env.GITHUB_REPOSITORY || undefined,
    serverUrl: env.GITHUB_SERVER_URL || undefined
  }
}

export const hibernatedCondition = 'IsHibernated'

/** An ALB fixed response carries at most this many characters. */
export const fixedResponseLimit = 1024

/**
 * The route prefixes of compose-services' nginx.conf that serve APIs rather
 * than pages: sheepdog and peregrine, fence, indexd, guppy, the metadata
 * service, pidgin, arborist, and nginx's own status.
 */
export const apiPathPatterns = [
  '/api/*',
  '/user/*',
  '/index/*',
  '/peregrine/*',
  '/guppy/*',
  '/mds/*',
  '/mds-admin/*',
  '/coremetadata/*',
  '/pidgin/*',
  '/authz*',
  '/_status'
] as const

/** A listener rule condition takes at most three values. */
const valuesPerCondition = 3

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
}

function workflowsUrl(wake: WakeInstructions): string | undefined {
  if (!wake.repository) return undefined
  const server = (wake.serverUrl ?? 'https://github.com').replace(/\/+$/, '')
  return `${server}/${wake.repository}/actions`
}

/** The two answers a visitor gets while the commons sleeps. */
export function sleepPageBodies(wake: WakeInstructions): {
  html: string
  json: string
} {
  const url = workflowsUrl(wake)
  const where =
    wake.repository && url
      ? `the Gen3 POC workflow of <a href="${escapeHtml(url)}">${escapeHtml(wake.repository)}</a>`
      : `the repository's Gen3 POC workflow`
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    '<title>Gen3 commons hibernating</title><style>' +
    'body{font:16px/1.5 system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em;color:#222}' +
    'code{background:#eee;padding:0 .2em}</style></head><body>' +
    '<h1>This Gen3 commons is hibernating</h1>' +
    '<p>It sleeps while nobody uses it, to save cost. Its data is kept.</p>' +
    `<p>To wake it, run ${where} with the command <code>resume</code>. ` +
    'The commons answers again a few minutes later.</p></body></html>'

  const json = JSON.stringify({
    error: 'hibernating',
    message: `This Gen3 commons is hibernating. To wake it, run ${wake.repository ? `the Gen3 POC workflow of ${wake.repository}` : `the repository's Gen3 POC workflow`} with the command resume.`,
    ...(url && { workflows: url })
  })

  return { html, json }
}

export function hibernatedParameter(): Record<string, Parameter> {
  return {
    [parameterNames.hibernated]: lifecycleSwitch(
      'true while the instance is hibernated: the load balancer then answers every request at once with 503 and a page saying how to wake the commons.'
    )
  }
}

export function hibernatedConditions(): Record<string, Json> {
  return {
    [hibernatedCondition]: {
      'Fn::Equals': [ref(parameterNames.hibernated), 'true']
    }
  }
}

function fixedResponse(contentType: string, body: string): Json {
  return [
    {
      Type: 'fixed-response',
      FixedResponseConfig: {
        StatusCode: '503',
        ContentType: contentType,
        MessageBody: body
      }
    }
  ]
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const groups: T[][] = []
  for (let at = 0; at < items.length; at += size) {
    groups.push(items.slice(at, at + size))
  }
  return groups
}

/**
 * While Hibernated is true, rules in front of the HTTPS listener's default
 * forward answer at once: JSON for API clients (by their Accept header or
 * the API routes), a small page for everyone else. The default action stays
 * forward, so resume only flips the parameter back once the target is
 * healthy (target health checks do not pass through listener rules).
 */
export function sleepPageRules(
  listener: string,
  wake: WakeInstructions
): Resources {
  const { html, json } = sleepPageBodies(wake)
  const rule = (
    priority: number,
    conditions: Json,
    actions: Json
  ): Resource => ({
    Type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
    Condition: hibernatedCondition,
    Properties: {
      ListenerArn: ref(listener),
      Priority: priority,
      Conditions: conditions,
      Actions: actions
    }
  })

  const byPath = chunks(apiPathPatterns, valuesPerCondition).map(
    (patterns, index): [string, Resource] => [
      `SleepPageJsonPaths${index + 1}`,
      rule(
        index + 2,
        [{ Field: 'path-pattern', PathPatternConfig: { Values: patterns } }],
        fixedResponse('application/json', json)
      )
    ]
  )

  return {
    SleepPageJsonAccept: rule(
      1,
      [
        {
          Field: 'http-header',
          HttpHeaderConfig: {
            HttpHeaderName: 'Accept',
            Values: ['*application/json*']
          }
        }
      ],
      fixedResponse('application/json', json)
    ),
    ...Object.fromEntries(byPath),
    SleepPageHtml: rule(
      byPath.length + 2,
      [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }],
      fixedResponse('text/html', html)
    )
  }
}
