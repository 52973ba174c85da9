import type { SSMClient } from '@aws-sdk/client-ssm'

import { NotAvailableError } from '../errors.js'
import type { Reporter } from '../report/reporter.js'
import type { Deadline } from '../wait/clock.js'

/** Waits until the instance's SSM agent reports Online. */
export function waitForAgent(
  _ssm: SSMClient,
  instanceId: string,
  _deadline: Deadline,
  _reporter: Reporter
): Promise<void> {
  return Promise.reject(new NotAvailableError(`SSM agent of ${instanceId}`))
}
