/** The API error code the SDK puts in an error's name. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined
}

const advice: Record<string, string> = {
  UnauthorizedOperation:
    'the role the workflow assumes lacks this permission: see the IAM policy in the README',
  InsufficientInstanceCapacity:
    'AWS has no spare capacity for this instance type in its zone right now: run the command again in a few minutes',
  IncorrectInstanceState:
    'its state changed while the command ran: run the command again',
  IncorrectState:
    'its state changed while the command ran: run the command again'
}

/** EC2 refused to start or stop the instance. */
export class InstanceActionError extends Error {
  constructor(
    readonly action: 'start' | 'stop' | 'hibernate',
    readonly instanceId: string,
    readonly code: string,
    detail: string
  ) {
    const next = advice[code] ?? 'look at the instance in the EC2 console'
    super(
      `EC2 refused to ${action} the instance ${instanceId}: ${code}: ${detail}. Next: ${next}.`
    )
    this.name = 'InstanceActionError'
  }
}

/**
 * EC2 answered StopInstances with UnsupportedHibernationConfiguration: the
 * instance cannot hibernate, whatever DescribeInstances said.
 */
export class HibernationRejectedError extends Error {
  constructor(
    readonly instanceId: string,
    readonly detail: string
  ) {
    super(
      `EC2 will not hibernate the instance ${instanceId} (UnsupportedHibernationConfiguration: ${detail}). ` +
        'Hibernation can only be enabled at launch, on an instance type, AMI and encrypted root volume that support it. Set fallback-to-stop: true to stop it instead, or let deploy replace the instance.'
    )
    this.name = 'HibernationRejectedError'
  }
}

/** Turns an SDK error from StartInstances or StopInstances into ours. */
export function refusal(
  action: InstanceActionError['action'],
  instanceId: string,
  error: unknown
): Error {
  const code = errorCode(error)
  const detail = (error instanceof Error ? error.message : String(error))
    .trim()
    .replace(/\.$/, '')
  if (code === 'UnsupportedHibernationConfiguration') {
    return new HibernationRejectedError(instanceId, detail)
  }
  // Only an answer from EC2 is a refusal; a network failure stays as it is.
  if (!(error instanceof Error) || !('$fault' in error) || !code) {
    return error instanceof Error ? error : new Error(detail)
  }
  return new InstanceActionError(action, instanceId, code, detail)
}
