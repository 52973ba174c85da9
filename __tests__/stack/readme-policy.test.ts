import { readFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from '@jest/globals'

import { commandNames } from '../../src/commands/names.js'
import { reachableActions, source } from './code-scan.js'
import {
  policyActions,
  policyCommands,
  policyDocument,
  shippedPolicies
} from './policy-documents.js'

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')

function section(title: string): string {
  const start = readme.indexOf(`## ${title}\n`)
  const end = readme.indexOf('\n## ', start + 1)
  if (start < 0) throw new Error(`the README has no "${title}" section`)
  return readme.slice(start, end < 0 ? undefined : end)
}

/** The calls the README lists for each command, by command. */
function listedCalls(): Map<string, Set<string>> {
  const listed = new Map<string, Set<string>>()
  for (const line of section('API calls made').split('\n')) {
    const item = /^- ((?:`[a-z-]+`(?:, )?)+): (.*)$/.exec(line)
    if (!item) continue
    const calls = new Set(
      [...(item[2] ?? '').matchAll(/`([a-z0-9]+:[A-Za-z]+)`/g)].map(
        (match) => match[1] ?? ''
      )
    )
    for (const command of (item[1] ?? '').matchAll(/`([a-z-]+)`/g)) {
      listed.set(command[1] ?? '', calls)
    }
  }
  return listed
}

describe('the README', () => {
  it('lists the API calls of every command', () => {
    const listed = listedCalls()

    expect([...listed.keys()].sort()).toEqual([...commandNames].sort())
    expect(listed.get('synth')).toEqual(new Set())
    expect(listed.get('hibernate')).toContain('ec2:StopInstances')
  })

  it.each(shippedPolicies())(
    'shows policy/%s.json exactly as shipped',
    (name) => {
      const iam = section('IAM permissions')
      const start = iam.indexOf(`<a href="policy/${name}.json">`)
      const block = /```json\n([\s\S]*?)\n```/.exec(iam.slice(start))

      expect(start).toBeGreaterThan(0)
      expect(JSON.parse(block?.[1] ?? 'null')).toEqual(policyDocument(name))
    }
  )

  it.each(policyCommands)(
    'lists every call the %s command can make, each allowed by its policy',
    (command) => {
      const listed = listedCalls().get(command) ?? new Set<string>()
      const allowed = policyActions(command)
      const sent = reachableActions(
        path.join(source, 'commands', `${command}.ts`)
      )

      expect([...sent].filter((call) => !listed.has(call))).toEqual([])
      expect([...listed].filter((call) => !allowed.has(call))).toEqual([])
    }
  )
})
