import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  CloudFormationClient,
  DescribeStackEventsCommand
} from '@aws-sdk/client-cloudformation'
import { mockClient } from 'aws-sdk-client-mock'

import { changeSetName } from '../../src/stack/change-set.js'
import type { StackEvent } from '../../src/stack/events.js'
import { EventStream, rootCause } from '../../src/stack/events.js'
import { FakeClock } from '../fixtures/clock.js'
import { RecordingReporter } from '../fixtures/reporter.js'
import { event, stackEvent, stackId } from './fixtures.js'

const cloudFormation = mockClient(CloudFormationClient)

beforeEach(() => {
  cloudFormation.reset()
})

describe('streaming stack events', () => {
  it('reads page after page until it reaches an event already shown', async () => {
    cloudFormation
      .on(DescribeStackEventsCommand)
      .resolvesOnce({ StackEvents: [stackEvent('a', 'UPDATE_COMPLETE', 0)] })
      .resolvesOnce({
        StackEvents: [
          stackEvent('d', 'UPDATE_COMPLETE', 30),
          event(
            'c',
            'Listener',
            'AWS::ElasticLoadBalancingV2::Listener',
            'UPDATE_COMPLETE',
            20
          )
        ],
        NextToken: 'page-2'
      })
      .resolvesOnce({
        StackEvents: [
          stackEvent('b', 'UPDATE_IN_PROGRESS', 10, 'User Initiated'),
          stackEvent('a', 'UPDATE_COMPLETE', 0)
        ],
        NextToken: 'page-3'
      })
    const reporter = new RecordingReporter()
    const stream = new EventStream(
      new CloudFormationClient({ region: 'ap-southeast-2' }),
      stackId,
      reporter
    )

    await stream.begin()
    const fresh = await stream.poll()

    expect(fresh.map((each) => each.id)).toEqual(['b', 'c', 'd'])
    expect(reporter.at('info')).toEqual([
      '[0 s] gen3-poc (AWS::CloudFormation::Stack) UPDATE_IN_PROGRESS: User Initiated',
      '[10 s] Listener (AWS::ElasticLoadBalancingV2::Listener) UPDATE_COMPLETE',
      '[20 s] gen3-poc (AWS::CloudFormation::Stack) UPDATE_COMPLETE'
    ])
    expect(
      cloudFormation
        .commandCalls(DescribeStackEventsCommand)
        .map((call) => call.args[0].input.NextToken)
    ).toEqual([undefined, undefined, 'page-2'])
  })

  it('shows each event once however often it is read', async () => {
    const page = {
      StackEvents: [stackEvent('b', 'UPDATE_IN_PROGRESS', 10)]
    }
    cloudFormation
      .on(DescribeStackEventsCommand)
      .resolvesOnce({ StackEvents: [] })
      .resolves(page)
    const reporter = new RecordingReporter()
    const stream = new EventStream(
      new CloudFormationClient({ region: 'ap-southeast-2' }),
      stackId,
      reporter
    )

    await stream.begin()
    await stream.poll()
    await stream.poll()

    expect(reporter.at('info')).toHaveLength(1)
    expect(stream.events).toHaveLength(1)
  })
})

describe('the root cause of a failure', () => {
  const view = (
    id: string,
    logicalId: string,
    status: string,
    reason = ''
  ): StackEvent => ({
    id,
    timestamp: 0,
    logicalId,
    type: logicalId === 'gen3-poc' ? 'AWS::CloudFormation::Stack' : 'AWS::X',
    status,
    reason
  })

  it('is the first resource that failed for itself, not one cancelled after it', () => {
    expect(
      rootCause(
        [
          view('1', 'gen3-poc', 'UPDATE_IN_PROGRESS'),
          view('2', 'Role', 'UPDATE_FAILED', 'Resource update cancelled'),
          view('3', 'Certificate', 'UPDATE_FAILED', 'DNS validation timed out'),
          view('4', 'Listener', 'UPDATE_FAILED', 'Certificate not found'),
          view('5', 'gen3-poc', 'UPDATE_ROLLBACK_FAILED', 'rollback failed')
        ],
        'gen3-poc'
      )?.id
    ).toBe('3')
  })

  it('is a cancelled resource when nothing else failed, else the stack itself', () => {
    expect(
      rootCause(
        [view('2', 'Role', 'CREATE_FAILED', 'Resource creation cancelled')],
        'gen3-poc'
      )?.id
    ).toBe('2')
    expect(
      rootCause([view('5', 'gen3-poc', 'DELETE_FAILED', 'x')], 'gen3-poc')?.id
    ).toBe('5')
    expect(rootCause([view('1', 'Role', 'CREATE_COMPLETE')], 'gen3-poc')).toBe(
      undefined
    )
  })
})

describe('change set names', () => {
  const clock = new FakeClock()

  it('carry the command, the run and its attempt', () => {
    expect(
      changeSetName(
        'push-config',
        { GITHUB_RUN_ID: '987', GITHUB_RUN_ATTEMPT: '3' },
        clock
      )
    ).toBe('gen3-poc-push-config-987-3')
  })

  it('carry the time outside a workflow run', () => {
    expect(changeSetName('deploy', {}, clock)).toBe(
      'gen3-poc-deploy-20261203120000'
    )
  })
})
