import type {
  CloudFormationClient,
  Stack
} from '@aws-sdk/client-cloudformation'

import type { Reporter } from '../report/reporter.js'
import type { Deadline } from '../wait/clock.js'
import type { ChangeSetRequest } from './change-set.js'
import {
  executeChangeSet,
  prepareChangeSet,
  removeChangeSet
} from './change-set.js'
import type { ResourceChange } from './changes.js'
import { changeLine, changeTable } from './changes.js'
import { findStack, StackNotFoundError } from './commons.js'
import { EventStream } from './events.js'
import { StackFailedError, waitForStack } from './operation.js'
import {
  describeDanger,
  findDangers,
  ReplacementRefusedError
} from './replacement.js'

export interface ApplyOptions {
  cloudFormation: CloudFormationClient
  reporter: Reporter
  deadline: Deadline
  region: string
  /** Let the change set replace or delete the instance or its root volume. */
  allowReplacement: boolean
}

/** What applying a change set did. */
export interface AppliedChangeSet {
  changed: boolean
  /** The stack after the change set ran (or did not need to). */
  stack: Stack
  changes: ResourceChange[]
}

function showChanges(
  request: ChangeSetRequest,
  changes: readonly ResourceChange[],
  reporter: Reporter
): Promise<void> {
  reporter.info(
    `Change set ${request.name} has ${changes.length} change${changes.length === 1 ? '' : 's'}:`
  )
  for (const change of changes) reporter.info(`  ${changeLine(change)}`)
  return reporter.summary(
    `### Change set \`${request.name}\` for stack \`${request.stackName}\`\n\n${changeTable(changes)}\n`
  )
}

function guard(
  request: ChangeSetRequest,
  changes: readonly ResourceChange[],
  allowReplacement: boolean,
  reporter: Reporter
): void {
  const dangers = findDangers(changes)
  if (dangers.length === 0) return
  if (!allowReplacement) {
    throw new ReplacementRefusedError(request.stackName, dangers)
  }
  for (const danger of dangers) {
    reporter.warning(
      `allow-replacement is true, so the change set goes ahead: it ${describeDanger(danger)}. The commons' database on it will be lost.`
    )
  }
}

async function currentStack(
  options: ApplyOptions,
  request: ChangeSetRequest,
  stackId: string
): Promise<Stack> {
  const stack = await findStack(options.cloudFormation, stackId)
  if (!stack) throw new StackNotFoundError(request.stackName, options.region)
  return stack
}

/**
 * Creates a change set, shows it, refuses it when it would destroy the
 * instance (unless allowed), executes it and streams the stack's events until
 * CloudFormation is done. A change set that does not run is removed.
 */
export async function applyChangeSet(
  request: ChangeSetRequest,
  options: ApplyOptions
): Promise<AppliedChangeSet> {
  const { cloudFormation, reporter, deadline } = options

  const prepared = await reporter.group(`Change set ${request.name}`, () =>
    prepareChangeSet(cloudFormation, request, deadline, reporter)
  )

  let executed = false
  try {
    if (prepared.kind === 'empty') {
      reporter.notice(
        `Stack '${request.stackName}' is already up to date: the change set had no changes (${prepared.reason}).`
      )
      const stack = await currentStack(options, request, prepared.stackId)
      return { changed: false, stack, changes: [] }
    }

    await showChanges(request, prepared.changes, reporter)
    guard(request, prepared.changes, options.allowReplacement, reporter)

    const stream = new EventStream(cloudFormation, prepared.stackId, reporter)
    await stream.begin()
    await executeChangeSet(cloudFormation, prepared.id)
    executed = true
    reporter.info(
      `Executing change set ${request.name} after ${deadline.elapsedSeconds()} s`
    )

    const stack = await reporter.group(
      `Stack events of ${request.stackName}`,
      () =>
        waitForStack(
          cloudFormation,
          stream,
          deadline,
          reporter,
          `stack '${request.stackName}' to ${request.type === 'CREATE' ? 'be created' : 'update'}`,
          true
        )
    )

    const status = stack?.StackStatus ?? 'DELETE_COMPLETE'
    const success =
      request.type === 'CREATE' ? 'CREATE_COMPLETE' : 'UPDATE_COMPLETE'
    if (!stack || status !== success) {
      throw new StackFailedError(
        request.stackName,
        status,
        stream.events,
        stack?.StackStatusReason
      )
    }
    reporter.info(
      `Stack '${request.stackName}' is ${status} after ${deadline.elapsedSeconds()} s`
    )
    return { changed: true, stack, changes: prepared.changes }
  } finally {
    if (!executed) {
      await removeChangeSet(cloudFormation, prepared.id, reporter)
    }
  }
}
