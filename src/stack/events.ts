import type {
  CloudFormationClient,
  StackEvent as SdkStackEvent
} from '@aws-sdk/client-cloudformation'
import { DescribeStackEventsCommand } from '@aws-sdk/client-cloudformation'

import type { Reporter } from '../report/reporter.js'

/** One stack event, as the log shows it. */
export interface StackEvent {
  id: string
  /** Milliseconds since the epoch, by AWS's clock. */
  timestamp: number
  logicalId: string
  type: string
  status: string
  reason: string
}

/** The most pages one look reads: 100 events each, newest first. */
const maxPages = 10

function fromSdk(event: SdkStackEvent): StackEvent {
  return {
    id: event.EventId ?? '',
    timestamp: event.Timestamp?.getTime() ?? 0,
    logicalId: event.LogicalResourceId ?? '',
    type: event.ResourceType ?? '',
    status: event.ResourceStatus ?? '',
    reason: event.ResourceStatusReason ?? ''
  }
}

/** "Instance (AWS::EC2::Instance) CREATE_FAILED: reason" */
export function describeEvent(event: StackEvent): string {
  return `${event.logicalId} (${event.type}) ${event.status}${event.reason ? `: ${event.reason}` : ''}`
}

/**
 * Streams a stack's events into the log while an operation runs: each event
 * once (by EventId), oldest first, with the seconds since the first one.
 */
export class EventStream {
  private readonly seen = new Set<string>()
  private origin: number | undefined
  /** Every event streamed since begin(), oldest first. */
  readonly events: StackEvent[] = []

  constructor(
    private readonly cloudFormation: CloudFormationClient,
    /** The stack's id, which still answers once the stack is deleted. */
    readonly stackId: string,
    private readonly reporter: Reporter
  ) {}

  /** Marks the events already there, so that only new ones are shown. */
  async begin(): Promise<void> {
    const { StackEvents } = await this.cloudFormation.send(
      new DescribeStackEventsCommand({ StackName: this.stackId })
    )
    for (const event of StackEvents ?? []) {
      if (event.EventId) this.seen.add(event.EventId)
    }
  }

  /** Reads the events that arrived since the last look and logs them. */
  async poll(): Promise<StackEvent[]> {
    const fresh = await this.readUntilSeen()
    fresh.reverse()

    for (const event of fresh) {
      this.seen.add(event.id)
      this.events.push(event)
      this.origin ??= event.timestamp
      const elapsed = Math.max(
        0,
        Math.round((event.timestamp - this.origin) / 1000)
      )
      this.reporter.info(`[${elapsed} s] ${describeEvent(event)}`)
    }
    return fresh
  }

  private async readUntilSeen(): Promise<StackEvent[]> {
    const fresh: StackEvent[] = []
    let token: string | undefined

    for (let page = 0; page < maxPages; page++) {
      const { StackEvents, NextToken } = await this.cloudFormation.send(
        new DescribeStackEventsCommand({
          StackName: this.stackId,
          ...(token === undefined ? {} : { NextToken: token })
        })
      )
      for (const event of StackEvents ?? []) {
        if (!event.EventId) continue
        if (this.seen.has(event.EventId)) return fresh
        fresh.push(fromSdk(event))
      }
      if (!NextToken) return fresh
      token = NextToken
    }
    return fresh
  }
}

const isConsequence = /cancel/i

/**
 * The failure that started it all: the first failed resource that was not
 * merely cancelled because another one failed, and not the stack itself.
 */
export function rootCause(
  events: readonly StackEvent[],
  stackName: string
): StackEvent | undefined {
  const failed = events.filter((event) => event.status.endsWith('FAILED'))
  const resources = failed.filter(
    (event) =>
      !(
        event.type === 'AWS::CloudFormation::Stack' &&
        event.logicalId === stackName
      )
  )
  return (
    resources.find((event) => !isConsequence.test(event.reason)) ??
    resources[0] ??
    failed[0]
  )
}
