/** Error names AWS services use when a caller sends requests too fast. */
const throttlingNames = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'SlowDown'
])

/**
 * Whether AWS turned a request away for its rate. The SDK's adaptive retries
 * come first; a wait that still sees this simply looks again later.
 */
export function isThrottling(error: unknown): boolean {
  return error instanceof Error && throttlingNames.has(error.name)
}
