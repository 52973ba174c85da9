import { SSMClient } from '@aws-sdk/client-ssm'
import { describe, expect, it } from '@jest/globals'

import {
  ChecksumMismatchError,
  CommonsNotRunningError,
  DictionaryServiceMissingError,
  DictionaryStartError,
  LiveDictionaryMismatchError
} from '../../../src/dictionary/push/errors.js'
import type { CheckedDictionary } from '../../../src/dictionary/push/flow.js'
import { pushAndReload } from '../../../src/dictionary/push/flow.js'
import { Deadline } from '../../../src/wait/clock.js'
import { FakeClock } from '../../fixtures/clock.js'
import { RecordingReporter } from '../../fixtures/reporter.js'
import { checked, dictionary, FakeInstance, healthy } from './instance.js'

const previous = {
  file: 'schema-0123456789abcdef.json',
  compiled: dictionary('old', ['program', 'project', 'sample'])
}
const next = checked(
  dictionary('new', ['program', 'project', 'sample', 'slide'])
)
const nextFile = `schema-${next.sha256.slice(0, 16)}.json`

function push(
  instance: FakeInstance,
  options: { dictionary?: CheckedDictionary; minutes?: number } = {}
) {
  const clock = new FakeClock()
  const reporter = new RecordingReporter()
  const result = pushAndReload({
    dictionary: options.dictionary ?? next,
    instanceId: 'i-0abc',
    url: 'https://gen3.example.org/',
    ssm: new SSMClient({ region: 'eu-west-1' }),
    deadline: Deadline.ofMinutes(clock, options.minutes ?? 60),
    reporter,
    transport: instance,
    fetch: instance.fetch
  })
  return { result, reporter, clock }
}

describe('pushing a dictionary to the commons', () => {
  it('pushes, serves, restarts in two stages and checks the live dictionary', async () => {
    const instance = new FakeInstance(previous)
    const { result, reporter } = push(instance)

    await expect(result).resolves.toEqual({
      file: nextFile,
      previous: previous.file,
      unchanged: false,
      nodes: 4
    })
    expect(instance.pushed.map((file) => [file.path, file.mode])).toEqual([
      [
        `/opt/gen3/compose-services/dictionary-service/public/${nextFile}`,
        '0644'
      ],
      ['/opt/gen3/compose-services/dictionary-service/nginx.conf', '0644']
    ])
    expect(instance.link).toBe(nextFile)
    expect(reporter.groups).toEqual([
      'Push schema.json to the instance',
      'Serve the new dictionary',
      'Restart sheepdog and peregrine',
      'Restart the portal and tube',
      'Check the live dictionary'
    ])
    expect(instance.commands).toEqual([
      'Serve the pushed dictionary',
      'Recreate sheepdog-service and peregrine-service',
      'Read the state of the services',
      'Read the state of the services',
      'Recreate portal-service and tube-service',
      'Read the state of the services',
      'Read the state of the services'
    ])
    expect(reporter.at('info')).toEqual([
      `Pushed ${nextFile} (1 KiB, SHA-256 ${next.sha256.slice(0, 12)}… checked on i-0abc) after 0 s.`,
      `schema.json now points at ${nextFile} instead of ${previous.file}.`,
      'Recreated sheepdog-service and peregrine-service after 0 s; waiting until they are healthy.',
      'sheepdog-service and peregrine-service are healthy after 5 s.',
      'Recreated portal-service and tube-service after 5 s; waiting until they are healthy.',
      'portal-service and tube-service are healthy after 10 s.',
      'https://gen3.example.org/api/v0/submission/_dictionary/_all serves the pushed dictionary.',
      'The commons serves the new dictionary (4 nodes) after 10 s.'
    ])
  })

  it('restarts nothing when the commons already serves the same dictionary', async () => {
    const instance = new FakeInstance({
      file: nextFile,
      compiled: next.compiled
    })
    const { result, reporter } = push(instance)

    await expect(result).resolves.toMatchObject({ unchanged: true })
    expect(instance.commands).toEqual(['Serve the pushed dictionary'])
    expect(reporter.at('notice')).toEqual([
      `The commons already serves this dictionary (${nextFile}): nothing to restart.`
    ])
  })

  it('stops before switching when the checksum on the instance differs', async () => {
    const instance = new FakeInstance(previous)
    instance.corrupt[
      `/opt/gen3/compose-services/dictionary-service/public/${nextFile}`
    ] = 'f'.repeat(64)
    const { result } = push(instance)

    await expect(result).rejects.toThrow(ChecksumMismatchError)
    await expect(result).rejects.toThrow(
      `The instance reports SHA-256 ${'f'.repeat(64)} for /opt/gen3/compose-services/dictionary-service/public/${nextFile} instead of ${next.sha256}: the copy is not the compiled dictionary. Push again.`
    )
    expect(instance.commands).toEqual([])
    expect(instance.link).toBe(previous.file)
  })

  it('stops before switching when the commons is not running', async () => {
    const instance = new FakeInstance(previous)
    instance.unit = 'inactive'
    const { result } = push(instance)

    await expect(result).rejects.toThrow(CommonsNotRunningError)
    await expect(result).rejects.toThrow(
      "The commons' services are not running (gen3-compose.service is inactive), so the dictionary was pushed but not switched to: run resume or deploy, then push the dictionary again."
    )
    expect(instance.commands).toEqual(['Serve the pushed dictionary'])
  })

  it('stops before switching when the services do not read the dictionary service', async () => {
    const instance = new FakeInstance(previous)
    instance.wired = false
    const { result } = push(instance)

    await expect(result).rejects.toThrow(DictionaryServiceMissingError)
    await expect(result).rejects.toThrow(
      "The commons' docker-compose.override.yml does not point DICTIONARY_URL at http://dictionary-service/schema.json, so the services would not see the pushed dictionary: run deploy with this version of the action, then push the dictionary again."
    )
  })
})

describe('putting the previous dictionary back when the services do not start', () => {
  /** Whether a service reads the pushed dictionary, by its settings stamp. */
  function readsNew(served: Record<string, unknown> | undefined): boolean {
    const settings = served?.['_settings.yaml'] as { _dict_commit?: string }
    return settings._dict_commit === 'new'
  }

  it('rolls back sheepdog and peregrine, and fails with their log tail', async () => {
    const instance = new FakeInstance(previous)
    instance.behaviour = (service, served, polls) =>
      service === 'sheepdog-service' && readsNew(served)
        ? { status: 'exited', health: 'unhealthy' }
        : healthy(service, served, polls)
    const { result, reporter } = push(instance)

    await expect(result).rejects.toThrow(DictionaryStartError)
    await expect(result).rejects.toThrow(
      `The services did not start with the new dictionary (sheepdog-service exited), so the previous dictionary (${previous.file}) is back in place. Fix the dictionary and push again; their last log lines:\nsheepdog-service  | Traceback: KeyError: 'title'`
    )
    expect(instance.link).toBe(previous.file)
    expect(instance.commands).toEqual([
      'Serve the pushed dictionary',
      'Recreate sheepdog-service and peregrine-service',
      'Read the state of the services',
      'Read the services logs',
      'Put the previous dictionary back',
      'Read the state of the services',
      'Read the state of the services'
    ])
    expect(reporter.groups.at(-1)).toBe('Put the previous dictionary back')
    expect(reporter.at('warning')).toEqual([
      'The services did not start with the new dictionary: sheepdog-service exited.'
    ])
    expect(reporter.at('info').at(-1)).toBe(
      'The services run the previous dictionary again after 5 s.'
    )
  })

  it('rolls back all four services when the portal fails to build', async () => {
    const instance = new FakeInstance(previous)
    instance.behaviour = (service, served, polls) =>
      service === 'portal-service' && readsNew(served)
        ? { status: 'running', health: 'unhealthy' }
        : healthy(service, served, polls)
    const { result } = push(instance)

    await expect(result).rejects.toThrow(
      /^The services did not start with the new dictionary \(portal-service is unhealthy\), so the previous dictionary/
    )
    expect(instance.link).toBe(previous.file)
    expect(instance.commands.slice(-5)).toEqual([
      'Read the state of the services',
      'Read the services logs',
      'Put the previous dictionary back',
      'Read the state of the services',
      'Read the state of the services'
    ])
  })

  it('gives up waiting with half the time left, then rolls back', async () => {
    const instance = new FakeInstance(previous)
    instance.behaviour = (service, served, polls) =>
      readsNew(served)
        ? { status: 'running', health: 'starting' }
        : healthy(service, served, polls)
    const { result } = push(instance, { minutes: 20 })

    await expect(result).rejects.toThrow(
      /^The services did not start with the new dictionary \(Gave up waiting for sheepdog-service and peregrine-service to be healthy after 600 s: sheepdog-service is running \(starting\), peregrine-service is running \(starting\)\. Raise timeout-minutes if it needs longer\.\), so the previous dictionary/
    )
    expect(instance.link).toBe(previous.file)
  })

  it('says there is nothing to go back to on a first push', async () => {
    const instance = new FakeInstance()
    instance.behaviour = (service, served, polls) =>
      service === 'sheepdog-service' && readsNew(served)
        ? { status: 'exited', health: 'none' }
        : healthy(service, served, polls)
    const { result } = push(instance)

    await expect(result).rejects.toThrow(
      `The services did not start with the new dictionary (sheepdog-service exited), so there was no previous dictionary to go back to. Fix the dictionary and push again; their last log lines:\nsheepdog-service  | Traceback: KeyError: 'title'`
    )
    expect(instance.commands).not.toContain('Put the previous dictionary back')
  })

  it('warns when the previous dictionary does not come back either', async () => {
    const instance = new FakeInstance(previous)
    instance.behaviour = (service) =>
      service === 'sheepdog-service'
        ? { status: 'exited', health: 'none' }
        : { status: 'running', health: 'healthy' }
    const { result, reporter } = push(instance)

    await expect(result).rejects.toThrow(DictionaryStartError)
    expect(reporter.at('warning')[1]).toBe(
      'The services did not come back with the previous dictionary either (sheepdog-service exited): see `docker compose ps` in /opt/gen3/compose-services on the instance.'
    )
  })
})

describe('checking the live dictionary', () => {
  it('fails when sheepdog keeps serving another dictionary', async () => {
    const instance = new FakeInstance(previous)
    const stale = instance.fetch
    instance.fetch = (input) =>
      (input instanceof Request ? input.url : input.toString()).endsWith(
        '/_all'
      )
        ? Promise.resolve(
            new Response(
              JSON.stringify({
                program: {},
                project: {},
                sample: {},
                _settings: { _dict_commit: 'old', _dict_version: '1.0' }
              })
            )
          )
        : stale(input)
    const { result } = push(instance)

    await expect(result).rejects.toThrow(LiveDictionaryMismatchError)
    await expect(result).rejects.toThrow(
      'https://gen3.example.org/api/v0/submission/_dictionary/_all does not serve the pushed dictionary: nodes missing: slide; _settings differ: {"_dict_commit":"old","_dict_version":"1.0"} is served, {"_dict_commit":"new","_dict_version":"1.0"} was pushed. Check that sheepdog-service reads DICTIONARY_URL=http://dictionary-service/schema.json (docker compose config on the instance).'
    )
  })
})
