import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import type {
  GetCommandInvocationCommandOutput,
  SendCommandCommandInput
} from '@aws-sdk/client-ssm'
import {
  CancelCommandCommand,
  GetCommandInvocationCommand,
  InvocationDoesNotExist,
  SendCommandCommand,
  SSMClient
} from '@aws-sdk/client-ssm'
import { mockClient } from 'aws-sdk-client-mock'

import { ssmLimits } from '../../src/ssm/script.js'

/** What SSM keeps of a stream: its start, marked when cut. */
function asSsmKeepsIt(text: string, limit: number, marker: string): string {
  if (text.length <= limit) return text
  return text.slice(0, limit - marker.length - 1) + '\n' + marker
}

/**
 * An SSM client whose commands really run, with sh as the agent runs them,
 * in a temporary folder standing for the instance: what the transport sends
 * is executed, not merely inspected. Every SendCommand input is kept.
 */
export class FakeInstance {
  readonly root = mkdtempSync(path.join(tmpdir(), 'gen3-poc-instance-'))
  readonly ssm = new SSMClient({ region: 'us-east-1' })
  readonly mock = mockClient(this.ssm)
  readonly sent: SendCommandCommandInput[] = []
  /** Changes a command's text before it runs, as a broken network might. */
  tamper: ((text: string, call: number) => string) | undefined
  /** Extra variables for the scripts, such as a PATH with stand-in tools. */
  env: Record<string, string> = {}
  private results = new Map<string, GetCommandInvocationCommandOutput>()

  constructor(readonly instanceId = 'i-0123456789abcdef0') {
    mkdirSync(path.join(this.root, 'tmp'))
    this.mock
      .on(SendCommandCommand)
      .callsFake((input: SendCommandCommandInput) => {
        this.sent.push(input)
        const call = this.sent.length
        const commandId = `command-${call}`
        const original = input.Parameters?.commands?.[0] ?? ''
        const text = this.tamper ? this.tamper(original, call) : original
        this.results.set(commandId, this.run(text))
        return { Command: { CommandId: commandId } }
      })
    let unknown = new Set<string>()
    this.mock
      .on(GetCommandInvocationCommand)
      .callsFake((input: { CommandId: string }) => {
        // Right after SendCommand, SSM does not know the invocation yet.
        if (!unknown.has(input.CommandId)) {
          unknown = new Set([...unknown, input.CommandId])
          throw new InvocationDoesNotExist({ message: '', $metadata: {} })
        }
        return this.results.get(input.CommandId)
      })
    this.mock.on(CancelCommandCommand).resolves({})
  }

  /** A path inside the stand-in instance. */
  path(...parts: string[]): string {
    return path.join(this.root, ...parts)
  }

  /** Every command text and comment sent, for assertions on what left. */
  everythingSent(): string {
    return JSON.stringify(this.sent)
  }

  remove(): void {
    this.mock.restore()
    rmSync(this.root, { recursive: true, force: true })
  }

  private run(text: string): GetCommandInvocationCommandOutput {
    const result = spawnSync('sh', ['-c', text], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: {
        ...process.env,
        ...this.env,
        GEN3_POC_LOG_DIR: this.path('var/log/gen3-poc'),
        GEN3_POC_STAGING_DIR: this.path('var/lib/gen3-poc/staging'),
        TMPDIR: this.path('tmp')
      }
    })
    const code = result.status ?? -1
    return {
      Status: code === 0 ? 'Success' : 'Failed',
      StatusDetails: code === 0 ? 'Success' : 'Failed',
      ResponseCode: code,
      StandardOutputContent: asSsmKeepsIt(
        result.stdout,
        ssmLimits.stdout,
        ssmLimits.stdoutMarker
      ),
      StandardErrorContent: asSsmKeepsIt(
        result.stderr,
        ssmLimits.stderr,
        ssmLimits.stderrMarker
      ),
      $metadata: {}
    }
  }
}
