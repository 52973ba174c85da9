import { composeUnit } from './instance.js'
import { dictionaryUrl } from './service.js'

/** The dictionary has errors: nothing was pushed. */
export class DictionaryInvalidError extends Error {
  constructor(
    readonly errors: number,
    readonly directory: string
  ) {
    super(
      `The dictionary in ${directory} has ${errors} error${errors === 1 ? '' : 's'} (see the annotations), so nothing was pushed: fix ${errors === 1 ? 'it' : 'them'} and push again.`
    )
    this.name = 'DictionaryInvalidError'
  }
}

/** The compose stack is stopped on the instance. */
export class CommonsNotRunningError extends Error {
  constructor(readonly state: string) {
    super(
      `The commons' services are not running (${composeUnit} is ${state || 'unknown'}), so the dictionary was pushed but not switched to: run resume or deploy, then push the dictionary again.`
    )
    this.name = 'CommonsNotRunningError'
  }
}

/** The instance's compose files predate the dictionary service. */
export class DictionaryServiceMissingError extends Error {
  constructor() {
    super(
      `The commons' docker-compose.override.yml does not point DICTIONARY_URL at ${dictionaryUrl}, so the services would not see the pushed dictionary: run deploy with this version of the action, then push the dictionary again.`
    )
    this.name = 'DictionaryServiceMissingError'
  }
}

/** The instance holds different bytes than were sent. */
export class ChecksumMismatchError extends Error {
  constructor(path: string, expected: string, found: string | undefined) {
    super(
      `The instance reports SHA-256 ${found ?? 'nothing'} for ${path} instead of ${expected}: the copy is not the compiled dictionary. Push again.`
    )
    this.name = 'ChecksumMismatchError'
  }
}

/**
 * The services did not start with the new dictionary. The previous one is
 * back in place when there was one; the message carries their log tail.
 */
export class DictionaryStartError extends Error {
  constructor(
    readonly reason: string,
    readonly previous: string | undefined,
    readonly logTail: string
  ) {
    const outcome = previous
      ? `the previous dictionary (${previous}) is back in place`
      : 'there was no previous dictionary to go back to'
    super(
      `The services did not start with the new dictionary (${reason}), so ${outcome}. Fix the dictionary and push again; their last log lines:\n${logTail}`
    )
    this.name = 'DictionaryStartError'
  }
}

/** The services run, but serve another dictionary than the one pushed. */
export class LiveDictionaryMismatchError extends Error {
  constructor(
    readonly url: string,
    readonly differences: readonly string[]
  ) {
    super(
      `${url} does not serve the pushed dictionary: ${differences.join('; ')}. Check that sheepdog-service reads DICTIONARY_URL=${dictionaryUrl} (docker compose config on the instance).`
    )
    this.name = 'LiveDictionaryMismatchError'
  }
}

/** A service exited, restarted or turned unhealthy after it was recreated. */
export class ServicesFailedError extends Error {
  constructor(readonly reason: string) {
    super(reason)
    this.name = 'ServicesFailedError'
  }
}
