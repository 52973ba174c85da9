import {
  afterEach,
  beforeEach,
  describe,
  expect,
  it,
  jest
} from '@jest/globals'
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import { CloudFormationServiceException } from '@aws-sdk/client-cloudformation'

import { AwsClients } from '../../src/aws/clients.js'
import { findStack } from '../../src/stack/commons.js'
import { isThrottling } from '../../src/stack/throttling.js'
import { stack, throttled } from './fixtures.js'

/**
 * These run the real client, retries and all: only the network is replaced,
 * by a step that throttles the first attempts and answers the next one.
 */
function answerAfterThrottling(
  client: CloudFormationClient,
  throttledAttempts: number
): () => number {
  let attempts = 0
  client.middlewareStack.add(
    () => () => {
      attempts++
      if (attempts <= throttledAttempts) {
        return Promise.reject(
          new CloudFormationServiceException({
            name: 'ThrottlingException',
            $fault: 'client',
            $metadata: { httpStatusCode: 400 },
            message: 'Rate exceeded'
          })
        )
      }
      return Promise.resolve({
        output: {
          Stacks: [stack('UPDATE_COMPLETE')],
          $metadata: { httpStatusCode: 200 }
        },
        response: {}
      } as never)
    },
    { step: 'deserialize', priority: 'high', name: 'network' }
  )
  return () => attempts
}

/** Lets the SDK's backoff sleeps pass without really sleeping. */
async function settle(promise: Promise<unknown>): Promise<unknown> {
  const state = { done: false }
  const result = promise.then(
    (value) => value,
    (error: unknown) => error
  )
  void result.finally(() => {
    state.done = true
  })
  while (!state.done) {
    await new Promise((resolve) => setImmediate(resolve))
    await jest.advanceTimersByTimeAsync(1_000)
  }
  return result
}

describe('throttling', () => {
  const saved = { ...process.env }

  beforeEach(() => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE'
    process.env.AWS_SECRET_ACCESS_KEY = 'secret'
    // Real I/O (config files) still runs; only the retry's sleeps are faked.
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] })
  })

  afterEach(() => {
    jest.useRealTimers()
    process.env = { ...saved }
  })

  it('is retried by the clients: a ThrottlingException, then success', async () => {
    const cloudFormation = new AwsClients('ap-southeast-2').cloudFormation
    const attempts = answerAfterThrottling(cloudFormation, 1)

    const found = await settle(findStack(cloudFormation, 'gen3-poc'))

    expect(found).toMatchObject({ StackStatus: 'UPDATE_COMPLETE' })
    expect(attempts()).toBe(2)
  })

  it('is retried up to eight attempts before the error reaches the command', async () => {
    const cloudFormation = new AwsClients('ap-southeast-2').cloudFormation
    const attempts = answerAfterThrottling(cloudFormation, 100)

    const failure = await settle(findStack(cloudFormation, 'gen3-poc'))

    expect(isThrottling(failure)).toBe(true)
    expect(attempts()).toBe(8)
  })

  it('is recognised by the names AWS services give it', () => {
    expect(isThrottling(throttled())).toBe(true)
    expect(
      isThrottling(Object.assign(new Error('x'), { name: 'ValidationError' }))
    ).toBe(false)
  })
})
