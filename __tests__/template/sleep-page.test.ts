import { readFileSync } from 'node:fs'

import { describe, expect, it } from '@jest/globals'

import type { Json } from '../../src/template/cloudformation.js'
import {
  apiPathPatterns,
  fixedResponseLimit,
  sleepPageBodies
} from '../../src/template/sleep-page.js'
import { synthesise } from '../../src/template/synthesise.js'
import type { Template } from '../../src/template/synthesise.js'
import { describeWithShared, fixture } from '../fixtures/shared.js'
import { inputsFor } from './variants.js'

function rules(template: Template) {
  return Object.entries(template.Resources).filter(
    ([, resource]) =>
      resource.Type === 'AWS::ElasticLoadBalancingV2::ListenerRule'
  )
}

/** How an ALB path pattern matches: * is any run of characters, ? one. */
function matches(pattern: string, path: string): boolean {
  const expression = pattern
    .split('')
    .map((char) =>
      char === '*'
        ? '.*'
        : char === '?'
          ? '.'
          : char.replace(/[.+^${}()|[\]\\/]/g, '\\$&')
    )
    .join('')
  return new RegExp(`^${expression}$`).test(path)
}

const longestRepository = `${'o'.repeat(39)}/${'r'.repeat(100)}`

describe('the Hibernated parameter', () => {
  const { template } = synthesise(inputsFor())

  it('is false or true, false by default', () => {
    expect(template.Parameters?.Hibernated).toMatchObject({
      Type: 'String',
      AllowedValues: ['false', 'true'],
      Default: 'false'
    })
    expect(template.Conditions?.IsHibernated).toEqual({
      'Fn::Equals': [{ Ref: 'Hibernated' }, 'true']
    })
  })

  it('brings every sleep page rule into being, and nothing else', () => {
    const conditional = Object.entries(template.Resources)
      .filter(([, resource]) => resource.Condition === 'IsHibernated')
      .map(([name, resource]) => [name, resource.Condition])

    expect(conditional).toEqual([
      ['SleepPageJsonAccept', 'IsHibernated'],
      ['SleepPageJsonPaths1', 'IsHibernated'],
      ['SleepPageJsonPaths2', 'IsHibernated'],
      ['SleepPageJsonPaths3', 'IsHibernated'],
      ['SleepPageJsonPaths4', 'IsHibernated'],
      ['SleepPageHtml', 'IsHibernated']
    ])
  })

  it('leaves forwarding as the listener default, so health checks and resume go on working', () => {
    expect(
      template.Resources.HttpsListener?.Properties?.DefaultActions
    ).toEqual([{ Type: 'forward', TargetGroupArn: { Ref: 'TargetGroup' } }])
  })
})

describe('the sleep page rules', () => {
  const { template } = synthesise(inputsFor(), {
    repository: 'umccr/gen3-poc'
  })
  const { html, json } = sleepPageBodies({ repository: 'umccr/gen3-poc' })

  it('answer API clients that accept JSON first, with JSON', () => {
    expect(template.Resources.SleepPageJsonAccept?.Properties).toEqual({
      ListenerArn: { Ref: 'HttpsListener' },
      Priority: 1,
      Conditions: [
        {
          Field: 'http-header',
          HttpHeaderConfig: {
            HttpHeaderName: 'Accept',
            Values: ['*application/json*']
          }
        }
      ],
      Actions: [
        {
          Type: 'fixed-response',
          FixedResponseConfig: {
            StatusCode: '503',
            ContentType: 'application/json',
            MessageBody: json
          }
        }
      ]
    })
  })

  it('answer the API routes with JSON, three patterns a rule', () => {
    const byPath = rules(template).filter(([name]) =>
      name.startsWith('SleepPageJsonPaths')
    )
    const patterns = byPath.flatMap(([, resource]) => {
      const [condition] = resource.Properties?.Conditions as {
        PathPatternConfig: { Values: string[] }
      }[]
      return condition?.PathPatternConfig.Values ?? []
    })

    expect(patterns).toEqual([...apiPathPatterns])
    for (const [, resource] of byPath) {
      expect(resource.Properties?.Actions).toEqual([
        {
          Type: 'fixed-response',
          FixedResponseConfig: {
            StatusCode: '503',
            ContentType: 'application/json',
            MessageBody: json
          }
        }
      ])
    }
  })

  it('answer everyone else with the HTML page, after the JSON rules', () => {
    const priorities = rules(template).map(
      ([, resource]) => resource.Properties?.Priority
    )

    expect(template.Resources.SleepPageHtml?.Properties).toMatchObject({
      Priority: 6,
      Conditions: [
        { Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }
      ],
      Actions: [
        {
          Type: 'fixed-response',
          FixedResponseConfig: {
            StatusCode: '503',
            ContentType: 'text/html',
            MessageBody: html
          }
        }
      ]
    })
    expect(priorities).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('stay within the limits of a listener rule: three values a condition, five wildcards a rule', () => {
    for (const [, resource] of rules(template)) {
      const conditions = resource.Properties?.Conditions as Record<
        string,
        { Values: string[] }
      >[]
      const values = conditions.flatMap((condition) =>
        Object.values(condition).flatMap((config: Json) =>
          typeof config === 'object' && 'Values' in config
            ? (config as { Values: string[] }).Values
            : []
        )
      )
      expect(values.length).toBeLessThanOrEqual(3)
      expect(
        values
          .join('')
          .split('')
          .filter((char) => char === '*').length
      ).toBeLessThanOrEqual(5)
    }
  })
})

describeWithShared("compose-services' routes", () => {
  function locations(): string[] {
    const nginx = readFileSync(
      fixture('compose-services', 'nginx.conf'),
      'utf8'
    )
    return [...nginx.matchAll(/^\s*location\s+(?:[=~]\s+)?(\S+)\s*\{/gm)].map(
      (match) => match[1] ?? ''
    )
  }

  /** Routes that serve pages to a browser, or that nginx keeps internal. */
  const pages = ['/', '@errorworkspace', '/gen3-authz']

  it('are all answered with JSON while the commons sleeps, except the pages', () => {
    const apiRoutes = locations().filter(
      (location) =>
        !pages.includes(location) && !location.startsWith('/lw-workspace')
    )

    expect(apiRoutes.length).toBeGreaterThan(15)
    for (const route of apiRoutes) {
      const path = route.replace('/?', '').replace(/\/$/, '/x')
      expect([
        route,
        apiPathPatterns.some((pattern) => matches(pattern, path))
      ]).toEqual([route, true])
    }
  })

  it('leave the portal and the workspace to the HTML page', () => {
    for (const path of ['/', '/login', '/lw-workspace/proxy', '/query']) {
      expect([
        path,
        apiPathPatterns.some((pattern) => matches(pattern, path))
      ]).toEqual([path, false])
    }
  })
})

describe('the sleep page bodies', () => {
  it('say the commons is hibernating and how to wake it, naming the repository', () => {
    const { html, json } = sleepPageBodies({ repository: 'umccr/gen3-poc' })

    expect(html).toContain('<h1>This Gen3 commons is hibernating</h1>')
    expect(html).toContain(
      'To wake it, run the Gen3 POC workflow of <a href="https://github.com/umccr/gen3-poc/actions">umccr/gen3-poc</a> with the command <code>resume</code>.'
    )
    expect(JSON.parse(json)).toEqual({
      error: 'hibernating',
      message:
        'This Gen3 commons is hibernating. To wake it, run the Gen3 POC workflow of umccr/gen3-poc with the command resume.',
      workflows: 'https://github.com/umccr/gen3-poc/actions'
    })
  })

  it('point at the GitHub server the workflow runs on', () => {
    const { html } = sleepPageBodies({
      repository: 'genomics/gen3',
      serverUrl: 'https://git.example.edu/'
    })
    expect(html).toContain(
      'href="https://git.example.edu/genomics/gen3/actions"'
    )
  })

  it("speak of the repository's workflow when the repository is unknown", () => {
    const { html, json } = sleepPageBodies({})

    expect(html).toContain(
      "To wake it, run the repository's Gen3 POC workflow with the command <code>resume</code>."
    )
    expect(JSON.parse(json)).toEqual({
      error: 'hibernating',
      message:
        "This Gen3 commons is hibernating. To wake it, run the repository's Gen3 POC workflow with the command resume."
    })
  })

  it('escape what they show of the repository', () => {
    const { html } = sleepPageBodies({ repository: 'a/<b>' })
    expect(html).toContain('a/&lt;b&gt;')
    expect(html).not.toContain('<b>')
  })

  it('fit an ALB fixed response even with the longest repository name GitHub allows', () => {
    for (const wake of [
      {},
      { repository: longestRepository },
      { repository: longestRepository, serverUrl: 'https://git.example.edu' }
    ]) {
      const { html, json } = sleepPageBodies(wake)
      expect(html.length).toBeLessThanOrEqual(fixedResponseLimit)
      expect(json.length).toBeLessThanOrEqual(fixedResponseLimit)
    }
    expect(fixedResponseLimit).toBe(1024)
  })
})
