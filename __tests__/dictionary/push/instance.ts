import { createHash } from 'node:crypto'

import type { SSMClient } from '@aws-sdk/client-ssm'

import type {
  CheckedDictionary,
  Transport
} from '../../../src/dictionary/push/flow.js'
import type { ShellCommand, ShellResult } from '../../../src/ssm/command.js'
import type { Payload, PushResult } from '../../../src/ssm/payload.js'
import { printed } from '../../fixtures/shell.js'

type Compiled = Record<string, unknown>

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

export function checked(compiled: Compiled): CheckedDictionary {
  const schemaJson = JSON.stringify(compiled)
  return { compiled, schemaJson, sha256: sha256(schemaJson) }
}

/** A small dictionary; `commit` tells versions apart in `_settings.yaml`. */
export function dictionary(commit: string, nodes: string[]): Compiled {
  return {
    '_definitions.yaml': { UUID: { type: 'string' } },
    '_settings.yaml': { _dict_commit: commit, _dict_version: '1.0' },
    ...Object.fromEntries(
      nodes.map((id) => [`${id}.yaml`, { id, properties: {}, links: [] }])
    )
  }
}

/** How a service behaves once recreated, given the dictionary it reads. */
export type Behaviour = (
  service: string,
  served: Compiled | undefined,
  pollsSinceRecreated: number
) => { status: string; health: string; restarts?: number }

/** Comes up on the second look, as a healthcheck that passes takes a while. */
export const healthy: Behaviour = (_service, _served, polls) => ({
  status: 'running',
  health: polls === 0 ? 'starting' : 'healthy'
})

/**
 * The instance as the SSM transport and the public URL see it: files pushed,
 * the schema.json link, the containers, and sheepdog's `_all`. Scripts are
 * recognised by their SSM comment and read for the names they carry.
 */
export class FakeInstance implements Transport {
  readonly versions = new Map<string, Compiled>()
  readonly pushed: Payload[] = []
  readonly commands: string[] = []
  link: string | undefined
  unit = 'active'
  wired = true
  /** What the transport reports, by path, instead of the real hash. */
  corrupt: Record<string, string> = {}
  behaviour: Behaviour = healthy
  logs = "sheepdog-service  | Traceback: KeyError: 'title'\n"
  /** The dictionary each service loaded when last recreated. */
  private readonly loaded = new Map<string, Compiled | undefined>()
  private readonly polls = new Map<string, number>()

  constructor(previous?: { file: string; compiled: Compiled }) {
    if (previous) {
      this.versions.set(previous.file, previous.compiled)
      this.link = previous.file
      for (const service of [
        'sheepdog-service',
        'peregrine-service',
        'portal-service',
        'tube-service'
      ]) {
        this.loaded.set(service, previous.compiled)
      }
    }
  }

  pushFiles = (
    _ssm: SSMClient,
    _instanceId: string,
    files: Payload[]
  ): Promise<PushResult> => {
    const hashes: Record<string, string> = {}
    for (const file of files) {
      this.pushed.push(file)
      const text = file.content.toString('utf8')
      hashes[file.path] = this.corrupt[file.path] ?? sha256(text)
      const name = file.path.split('/').at(-1) ?? ''
      if (name.startsWith('schema-')) {
        this.versions.set(name, JSON.parse(text) as Compiled)
      }
    }
    return Promise.resolve({
      calls: 1,
      sha256: hashes,
      installed: files.map((file) => file.path),
      unchanged: []
    })
  }

  runShell = (_ssm: SSMClient, command: ShellCommand): Promise<ShellResult> => {
    this.commands.push(command.comment)
    const { script } = command
    let stdout = ''

    if (command.comment === 'Serve the pushed dictionary') {
      stdout = this.activate(/test -s '([^']+)'/.exec(script)?.[1] ?? '')
    } else if (command.comment.startsWith('Recreate ')) {
      this.recreate(script)
    } else if (command.comment === 'Put the previous dictionary back') {
      this.link = /ln -sfn '([^']+)'/.exec(script)?.[1]
      this.recreate(script)
    } else if (command.comment === 'Read the state of the services') {
      stdout = this.states(script)
    } else if (command.comment === 'Read the services logs') {
      stdout = this.logs
    }
    return Promise.resolve(printed(stdout))
  }

  /** A fetch that answers as the revproxy does for the given services. */
  fetch = (input: string | URL | Request): Promise<Response> => {
    const url = new URL(String(input instanceof Request ? input.url : input))
    if (url.pathname !== '/api/v0/submission/_dictionary/_all') {
      return Promise.resolve(new Response('{}', { status: 200 }))
    }
    const served = this.loaded.get('sheepdog-service')
    if (!served) return Promise.resolve(new Response('', { status: 502 }))
    return Promise.resolve(
      new Response(JSON.stringify(allOf(served)), { status: 200 })
    )
  }

  private activate(file: string): string {
    if (this.unit !== 'active') return `stack=${this.unit}\n`
    if (!this.wired) return 'service=missing\n'
    const previous = this.link ?? ''
    this.link = file
    return `previous=${previous}\n`
  }

  private recreate(script: string): void {
    const line = /--force-recreate (.+)$/m.exec(script)?.[1] ?? ''
    for (const service of line
      .split(' ')
      .map((name) => name.replace(/'/g, ''))) {
      this.loaded.set(
        service,
        this.link ? this.versions.get(this.link) : undefined
      )
      this.polls.set(service, 0)
    }
  }

  private states(script: string): string {
    const names = [...script.matchAll(/'([a-z-]+-service)'/g)].map(
      (match) => match[1] ?? ''
    )
    return names
      .map((service) => {
        const polls = this.polls.get(service) ?? 0
        this.polls.set(service, polls + 1)
        const state = this.behaviour(service, this.loaded.get(service), polls)
        return `/${service} ${state.status} ${state.health} ${state.restarts ?? 0}`
      })
      .join('\n')
  }
}

/** What sheepdog answers at `_dictionary/_all` for a compiled dictionary. */
function allOf(compiled: Compiled): Compiled {
  const entries: Compiled = { root: {}, data_release: {}, metaschema: {} }
  for (const [file, content] of Object.entries(compiled)) {
    const id = (content as { id?: unknown }).id
    if (typeof id === 'string') entries[id] = content
    entries[file.replace(/\.yaml$/, '')] = content
  }
  return entries
}
