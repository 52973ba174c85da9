import type { SSMClient } from '@aws-sdk/client-ssm'

import { probe } from '../../http/probe.js'
import type { Reporter } from '../../report/reporter.js'
import type { ShellResult } from '../../ssm/command.js'
import { runShell } from '../../ssm/command.js'
import { pushFiles } from '../../ssm/payload.js'
import { Deadline } from '../../wait/clock.js'
import { waitFor, WaitTimeoutError } from '../../wait/poll.js'
import type { CompiledDictionary } from '../review/compiled.js'
import { nodeFilesOf } from '../review/compiled.js'
import {
  ChecksumMismatchError,
  CommonsNotRunningError,
  DictionaryServiceMissingError,
  DictionaryStartError,
  LiveDictionaryMismatchError,
  ServicesFailedError
} from './errors.js'
import { composeDirectory } from './instance.js'
import { differencesFromLive, liveDictionaryPath } from './live.js'
import {
  activateScript,
  dictionaryReaders,
  dictionaryUsers,
  logsScript,
  restartScript,
  rollbackScript,
  statesScript
} from './scripts.js'
import {
  dictionaryPublicFolder,
  dictionaryServiceConfig,
  dictionaryServiceFolder,
  schemaFileName
} from './service.js'
import { parseStates, readinessOf } from './states.js'

/** A dictionary that passed validation, compiled. */
export interface CheckedDictionary {
  compiled: CompiledDictionary
  /** The bytes of schema.json, as pushed. */
  schemaJson: string
  /** SHA-256 of schemaJson, in hex. */
  sha256: string
}

/** How files and scripts reach the instance. */
export interface Transport {
  pushFiles: typeof pushFiles
  runShell: typeof runShell
}

export const ssmTransport: Transport = { pushFiles, runShell }

export interface PushOptions {
  dictionary: CheckedDictionary
  instanceId: string
  /** The commons' public address, such as https://gen3.example.org. */
  url: string
  ssm: SSMClient
  deadline: Deadline
  reporter: Reporter
  transport?: Transport
  fetch?: typeof fetch
}

export interface PushOutcome {
  /** The version file schema.json now points at. */
  file: string
  /** The version it replaced, if any. */
  previous: string | undefined
  /** The pushed dictionary was live already: nothing was restarted. */
  unchanged: boolean
  nodes: number
}

/** Health endpoints of the restarted services, behind the revproxy. */
const healthPaths = ['/api/_status', '/peregrine/_status', '/']

/**
 * Pushes schema.json to the instance, serves it to the services, restarts
 * sheepdog and peregrine then the portal and tube, and checks through the
 * public URL that the commons serves it. When the services do not start,
 * the previous dictionary is put back and the error carries their log tail.
 */
export async function pushAndReload(
  options: PushOptions
): Promise<PushOutcome> {
  const { dictionary, reporter, deadline } = options
  const file = schemaFileName(dictionary.sha256)
  const nodes = nodeFilesOf(dictionary.compiled).length
  const session = new Session(options)

  await reporter.group('Push schema.json to the instance', () =>
    session.push(file)
  )
  const previous = await reporter.group('Serve the new dictionary', () =>
    session.activate(file)
  )

  if (previous === file && (await session.isLive())) {
    reporter.notice(
      `The commons already serves this dictionary (${file}): nothing to restart.`
    )
    return { file, previous, unchanged: true, nodes }
  }

  await reporter.group('Restart sheepdog and peregrine', () =>
    session.restart(dictionaryReaders, dictionaryReaders, previous)
  )
  await reporter.group('Restart the portal and tube', () =>
    session.restart(
      dictionaryUsers,
      [...dictionaryReaders, ...dictionaryUsers],
      previous
    )
  )
  await reporter.group('Check the live dictionary', () => session.checkLive())

  reporter.info(
    `The commons serves the new dictionary (${nodes} nodes) after ${deadline.elapsedSeconds()} s.`
  )
  return { file, previous, unchanged: false, nodes }
}

/** One push: the steps share the instance, the deadline and the transport. */
class Session {
  private readonly transport: Transport
  private readonly base: string

  constructor(private readonly options: PushOptions) {
    this.transport = options.transport ?? ssmTransport
    this.base = options.url.replace(/\/+$/, '')
  }

  private get reporter(): Reporter {
    return this.options.reporter
  }

  private get deadline(): Deadline {
    return this.options.deadline
  }

  async push(file: string): Promise<void> {
    const { dictionary, instanceId } = this.options
    const schemaPath = `${dictionaryPublicFolder}/${file}`
    const result = await this.transport.pushFiles(
      this.options.ssm,
      instanceId,
      [
        {
          path: schemaPath,
          content: Buffer.from(dictionary.schemaJson, 'utf8'),
          mode: '0644'
        },
        {
          path: `${dictionaryServiceFolder}/nginx.conf`,
          content: Buffer.from(dictionaryServiceConfig(), 'utf8'),
          mode: '0644'
        }
      ],
      this.deadline,
      this.reporter
    )

    const found = result.sha256[schemaPath]
    if (found?.toLowerCase() !== dictionary.sha256.toLowerCase()) {
      throw new ChecksumMismatchError(schemaPath, dictionary.sha256, found)
    }
    const kilobytes = Math.ceil(Buffer.byteLength(dictionary.schemaJson) / 1024)
    this.reporter.info(
      `Pushed ${file} (${kilobytes} KiB, SHA-256 ${dictionary.sha256.slice(0, 12)}… checked on ${instanceId}) after ${this.deadline.elapsedSeconds()} s.`
    )
  }

  /** Points schema.json at the pushed version; returns the one it replaced. */
  async activate(file: string): Promise<string | undefined> {
    const { stdout } = await this.shell(
      activateScript(file),
      'Serve the pushed dictionary',
      60
    )
    const said = keyValues(stdout)
    if (said.stack !== undefined) throw new CommonsNotRunningError(said.stack)
    if (said.service === 'missing') throw new DictionaryServiceMissingError()

    const previous = said.previous || undefined
    this.reporter.info(
      previous
        ? `schema.json now points at ${file} instead of ${previous}.`
        : `schema.json now points at ${file}; there was no dictionary before.`
    )
    return previous
  }

  /**
   * Recreates the services and waits until they are healthy, with half of
   * the time left so that a rollback has the other half. On failure, puts
   * the previous dictionary back for every service restarted so far.
   */
  async restart(
    services: readonly string[],
    restartedSoFar: readonly string[],
    previous: string | undefined
  ): Promise<void> {
    try {
      await this.shell(
        restartScript(services),
        `Recreate ${services.join(' and ')}`,
        300
      )
      this.reporter.info(
        `Recreated ${services.join(' and ')} after ${this.deadline.elapsedSeconds()} s; waiting until they are healthy.`
      )
      const budget = new Deadline(
        this.deadline.clock,
        this.deadline.remainingMilliseconds() / 2
      )
      await this.waitHealthy(services, budget)
      this.reporter.info(
        `${services.join(' and ')} are healthy after ${this.deadline.elapsedSeconds()} s.`
      )
    } catch (error) {
      const reason =
        error instanceof ServicesFailedError
          ? error.reason
          : error instanceof Error
            ? error.message
            : String(error)
      return this.rollBack(reason, previous, restartedSoFar)
    }
  }

  private async rollBack(
    reason: string,
    previous: string | undefined,
    services: readonly string[]
  ): Promise<never> {
    return this.reporter.group('Put the previous dictionary back', async () => {
      this.reporter.warning(
        `The services did not start with the new dictionary: ${reason}.`
      )
      const logTail = await this.logTail(services)
      if (!previous) throw new DictionaryStartError(reason, undefined, logTail)

      await this.shell(
        rollbackScript(previous, services),
        'Put the previous dictionary back',
        300
      )
      try {
        await this.waitHealthy(services, this.deadline)
        this.reporter.info(
          `The services run the previous dictionary again after ${this.deadline.elapsedSeconds()} s.`
        )
      } catch (error) {
        this.reporter.warning(
          `The services did not come back with the previous dictionary either (${error instanceof Error ? error.message : String(error)}): see \`docker compose ps\` in ${composeDirectory} on the instance.`
        )
      }
      throw new DictionaryStartError(reason, previous, logTail)
    })
  }

  private async logTail(services: readonly string[]): Promise<string> {
    try {
      const { stdout } = await this.shell(
        logsScript(services),
        'Read the services logs',
        60
      )
      return tail(stdout)
    } catch (error) {
      return `(the logs could not be read: ${error instanceof Error ? error.message : String(error)})`
    }
  }

  private async waitHealthy(
    services: readonly string[],
    deadline: Deadline
  ): Promise<void> {
    await waitFor({
      what: `${services.join(' and ')} to be healthy`,
      deadline,
      firstDelayMilliseconds: 5_000,
      maxDelayMilliseconds: 20_000,
      poll: async () => {
        const { stdout } = await this.shell(
          statesScript(services),
          'Read the state of the services',
          60
        )
        const readiness = readinessOf(parseStates(stdout), services)
        if (readiness.kind === 'failed') {
          throw new ServicesFailedError(readiness.reason)
        }
        return readiness.kind === 'ready'
          ? { done: true, value: undefined }
          : { done: false, missing: readiness.missing }
      },
      onPending: (missing, seconds) => {
        this.reporter.debug(`${missing} (${seconds} s)`)
      }
    })
  }

  /** Waits for the health endpoints, then compares the live dictionary. */
  async checkLive(): Promise<void> {
    await waitFor({
      what: `the commons to answer at ${this.base}`,
      deadline: this.deadline,
      poll: async () => {
        const results = await Promise.all(
          healthPaths.map((path) => this.get(path, 0))
        )
        const failing = results
          .filter((result) => result.status !== 200)
          .map(
            (result) =>
              `${result.url} answered ${result.status ?? result.error ?? 'nothing'}`
          )
        return failing.length === 0
          ? { done: true, value: undefined }
          : { done: false, missing: failing.join(', ') }
      },
      onPending: (missing) => {
        this.reporter.debug(missing)
      }
    })

    let differences: string[] = []
    const url = `${this.base}${liveDictionaryPath}`
    const budget = new Deadline(
      this.deadline.clock,
      Math.min(this.deadline.remainingMilliseconds(), 180_000)
    )
    try {
      await waitFor({
        what: 'the commons to serve the pushed dictionary',
        deadline: budget,
        poll: async () => {
          differences = await this.differences()
          return differences.length === 0
            ? { done: true, value: undefined }
            : { done: false, missing: differences.join('; ') }
        }
      })
    } catch (error) {
      if (error instanceof WaitTimeoutError) {
        throw new LiveDictionaryMismatchError(url, differences)
      }
      throw error
    }
    this.reporter.info(`${url} serves the pushed dictionary.`)
  }

  async isLive(): Promise<boolean> {
    return (await this.differences()).length === 0
  }

  private async differences(): Promise<string[]> {
    const result = await this.get(liveDictionaryPath, 256 * 1024 * 1024)
    if (result.status !== 200 || result.body === undefined) {
      return [
        `${liveDictionaryPath} answered ${result.status ?? result.error ?? 'nothing'}`
      ]
    }
    try {
      const live: unknown = JSON.parse(result.body)
      return differencesFromLive(this.options.dictionary.compiled, live)
    } catch {
      return [`${liveDictionaryPath} did not answer JSON`]
    }
  }

  private get(path: string, keepBody: number) {
    return probe(`${this.base}${path}`, {
      timeoutMilliseconds: 30_000,
      ...(keepBody > 0 && { keepBody }),
      ...(this.options.fetch && { fetch: this.options.fetch })
    })
  }

  private shell(
    script: string,
    comment: string,
    timeoutSeconds: number
  ): Promise<ShellResult> {
    return this.transport.runShell(
      this.options.ssm,
      { instanceId: this.options.instanceId, script, comment, timeoutSeconds },
      this.deadline,
      this.reporter
    )
  }
}

/** Lines such as `previous=schema-….json`, by key. */
function keyValues(stdout: string): Record<string, string> {
  return Object.fromEntries(
    stdout
      .split('\n')
      .map((line) => /^([a-z]+)=(.*)$/.exec(line.trim()))
      .filter((match) => match !== null)
      .map((match) => [match[1], match[2]])
  ) as Record<string, string>
}

/** The last lines of a log, short enough for an error message. */
function tail(log: string): string {
  const lines = log.trimEnd().split('\n').slice(-80).join('\n')
  return lines.length > 8_000 ? `…${lines.slice(-8_000)}` : lines
}
