/**
 * Where a stack stands as deploy sees it: whether it can be created, updated,
 * must be recreated, waited for, or needs an operator first.
 */
export type StackState =
  | { kind: 'absent' }
  | { kind: 'ready' }
  | { kind: 'failed-create' }
  | { kind: 'busy' }
  | { kind: 'stuck'; advice: string }

/** The stack status status and destroy report when there is no stack. */
export const notFound = 'NOT_FOUND'

const ready = new Set([
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_COMPLETE'
])

/** What the operator should do for each state deploy cannot continue from. */
function adviceFor(status: string, stackName: string): string {
  switch (status) {
    case 'UPDATE_ROLLBACK_FAILED':
      return (
        'The last update failed and so did its rollback. Continue the rollback: in the CloudFormation console select the stack, then Stack actions > Continue update rollback ' +
        `(skipping the resources that cannot roll back if it asks), or run 'aws cloudformation continue-update-rollback --stack-name ${stackName}'. Then run deploy again.`
      )
    case 'ROLLBACK_FAILED':
      return (
        'Its first create failed and the rollback could not delete everything. ' +
        `Delete the stack in the CloudFormation console (retaining what it cannot delete) or with 'aws cloudformation delete-stack --stack-name ${stackName}', remove what is left, then run deploy again.`
      )
    case 'DELETE_FAILED':
      return 'A delete stopped part-way. Run destroy again (it lists the resources that could not be deleted), then run deploy again.'
    case 'CREATE_FAILED':
    case 'UPDATE_FAILED':
      return (
        'A previous operation failed with rollback disabled. ' +
        `Roll it back with 'aws cloudformation rollback-stack --stack-name ${stackName}' (or Stack actions > Roll back in the console), then run deploy again.`
      )
    case 'IMPORT_ROLLBACK_FAILED':
      return 'An import failed and so did its rollback. Continue the rollback in the CloudFormation console, then run deploy again.'
    default:
      return 'Deploy does not know how to continue from this state: inspect the stack in the CloudFormation console.'
  }
}

export function stackState(
  status: string | undefined,
  stackName: string
): StackState {
  if (
    status === undefined ||
    status === 'DELETE_COMPLETE' ||
    status === 'REVIEW_IN_PROGRESS'
  ) {
    // A stack in review holds no resources yet: a new CREATE change set fits it.
    return { kind: 'absent' }
  }
  if (ready.has(status)) return { kind: 'ready' }
  if (status === 'ROLLBACK_COMPLETE') return { kind: 'failed-create' }
  if (status.endsWith('_IN_PROGRESS')) return { kind: 'busy' }
  return { kind: 'stuck', advice: adviceFor(status, stackName) }
}

/** Whether CloudFormation is still working on the stack. */
export function isSettling(status: string | undefined): boolean {
  return (
    status !== undefined &&
    status.endsWith('_IN_PROGRESS') &&
    status !== 'REVIEW_IN_PROGRESS'
  )
}

/**
 * The stack is in a state deploy cannot change it from; the message says
 * what the operator should do.
 */
export class StackStuckError extends Error {
  constructor(
    readonly stackName: string,
    readonly status: string,
    reason: string | undefined,
    advice: string
  ) {
    super(
      `Stack '${stackName}' is ${status}, so it cannot be changed now${reason ? ` (CloudFormation says: ${reason})` : ''}. ${advice}`
    )
    this.name = 'StackStuckError'
  }
}
