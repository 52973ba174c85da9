import type { InstanceInformation, SSMClient } from '@aws-sdk/client-ssm'
import { DescribeInstanceInformationCommand } from '@aws-sdk/client-ssm'

import type { Reporter } from '../report/reporter.js'
import type { Deadline } from '../wait/clock.js'
import { waitFor, WaitTimeoutError } from '../wait/poll.js'

/** The instance's SSM agent did not come online in the time allowed. */
export class AgentOfflineError extends Error {
  constructor(
    readonly instanceId: string,
    readonly lastSeen: string,
    elapsedSeconds: number
  ) {
    super(
      `The SSM agent on ${instanceId} was not online after ${elapsedSeconds} s (${lastSeen}). ` +
        'Check that the instance is running (resume it if it is hibernated), that its role ' +
        'allows AmazonSSMManagedInstanceCore and that it can reach the SSM endpoints; ' +
        'raise timeout-minutes if it needs longer.'
    )
    this.name = 'AgentOfflineError'
  }
}

/**
 * Waits until the instance's SSM agent reports Online. A new instance is
 * unknown to SSM (InvalidInstanceId) until its agent registers, which there
 * is no SDK waiter for, so it is polled.
 */
export async function waitForAgent(
  ssm: SSMClient,
  instanceId: string,
  deadline: Deadline,
  reporter: Reporter
): Promise<void> {
  const started = deadline.elapsedSeconds()
  let information: InstanceInformation
  try {
    information = await waitFor({
      what: `the SSM agent on ${instanceId}`,
      deadline,
      firstDelayMilliseconds: 2_000,
      maxDelayMilliseconds: 15_000,
      onPending: (missing, seconds) => {
        reporter.debug(`SSM agent on ${instanceId}: ${missing} (${seconds} s)`)
      },
      poll: async () => {
        const found = await describe(ssm, instanceId)
        if (found === undefined) {
          return { done: false, missing: 'not registered with SSM yet' }
        }
        if (found.PingStatus === 'Online') return { done: true, value: found }
        return {
          done: false,
          missing: `its agent is ${found.PingStatus ?? 'in an unknown state'}`
        }
      }
    })
  } catch (error) {
    if (error instanceof WaitTimeoutError) {
      throw new AgentOfflineError(
        instanceId,
        error.missing,
        error.elapsedSeconds
      )
    }
    throw error
  }

  const agent = information.AgentVersion
    ? ` (agent ${information.AgentVersion})`
    : ''
  reporter.info(
    `The SSM agent on ${instanceId} is online${agent} after ${deadline.elapsedSeconds() - started} s`
  )
}

async function describe(
  ssm: SSMClient,
  instanceId: string
): Promise<InstanceInformation | undefined> {
  try {
    const response = await ssm.send(
      new DescribeInstanceInformationCommand({
        Filters: [{ Key: 'InstanceIds', Values: [instanceId] }]
      })
    )
    return response.InstanceInformationList?.[0]
  } catch (error) {
    if (error instanceof Error && error.name === 'InvalidInstanceId') {
      return undefined
    }
    throw error
  }
}
