import { describe, expect, it } from '@jest/globals'
import {
  DescribeInstanceInformationCommand,
  InvalidInstanceId,
  SSMClient
} from '@aws-sdk/client-ssm'
import { mockClient } from 'aws-sdk-client-mock'

import { AgentOfflineError, waitForAgent } from '../../src/ssm/agent.js'
import { Deadline } from '../../src/wait/clock.js'
import { FakeClock } from '../fixtures/clock.js'
import { RecordingReporter } from '../fixtures/reporter.js'

function agent() {
  const ssm = new SSMClient({ region: 'us-east-1' })
  return { ssm, mock: mockClient(ssm) }
}

const unregistered = new InvalidInstanceId({
  message: 'Instances [[i-1]] not in a valid state for account 123',
  $metadata: {}
})

describe('waiting for the SSM agent', () => {
  it('waits while the instance is unknown to SSM, then until its agent is Online', async () => {
    const { ssm, mock } = agent()
    mock
      .on(DescribeInstanceInformationCommand)
      .rejectsOnce(unregistered)
      .resolvesOnce({ InstanceInformationList: [] })
      .resolvesOnce({
        InstanceInformationList: [
          { InstanceId: 'i-1', PingStatus: 'ConnectionLost' }
        ]
      })
      .resolves({
        InstanceInformationList: [
          { InstanceId: 'i-1', PingStatus: 'Online', AgentVersion: '3.3.1' }
        ]
      })
    const clock = new FakeClock()
    const reporter = new RecordingReporter()

    await waitForAgent(ssm, 'i-1', new Deadline(clock, 600_000), reporter)

    expect(
      mock.commandCalls(DescribeInstanceInformationCommand)[0]?.args[0].input
    ).toEqual({
      Filters: [{ Key: 'InstanceIds', Values: ['i-1'] }]
    })
    expect(clock.sleeps).toEqual([2_000, 3_000, 4_500])
    expect(reporter.at('debug')).toEqual([
      'SSM agent on i-1: not registered with SSM yet (0 s)',
      'SSM agent on i-1: not registered with SSM yet (2 s)',
      'SSM agent on i-1: its agent is ConnectionLost (5 s)'
    ])
    expect(reporter.at('info')).toEqual([
      'The SSM agent on i-1 is online (agent 3.3.1) after 10 s'
    ])
  })

  it('says what to check when the agent never comes online', async () => {
    const { ssm, mock } = agent()
    mock.on(DescribeInstanceInformationCommand).resolves({
      InstanceInformationList: [{ InstanceId: 'i-1', PingStatus: 'Inactive' }]
    })

    const failure = await waitForAgent(
      ssm,
      'i-1',
      new Deadline(new FakeClock(), 60_000),
      new RecordingReporter()
    ).catch((error: unknown) => error)

    expect(failure).toBeInstanceOf(AgentOfflineError)
    expect((failure as Error).message).toBe(
      'The SSM agent on i-1 was not online after 60 s (its agent is Inactive). ' +
        'Check that the instance is running (resume it if it is hibernated), that its role ' +
        'allows AmazonSSMManagedInstanceCore and that it can reach the SSM endpoints; ' +
        'raise timeout-minutes if it needs longer.'
    )
  })

  it('lets other SSM errors through at once', async () => {
    const { ssm, mock } = agent()
    mock
      .on(DescribeInstanceInformationCommand)
      .rejects(new Error('AccessDeniedException: not authorized'))

    await expect(
      waitForAgent(
        ssm,
        'i-1',
        new Deadline(new FakeClock(), 60_000),
        new RecordingReporter()
      )
    ).rejects.toThrow('AccessDeniedException: not authorized')
  })
})
