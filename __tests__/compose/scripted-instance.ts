import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

import type {
  GetCommandInvocationCommandOutput,
  SendCommandCommandInput,
  SSMClient
} from '@aws-sdk/client-ssm'
import {
  DescribeInstanceInformationCommand,
  GetCommandInvocationCommand,
  GetParameterCommand,
  ParameterNotFound,
  PutParameterCommand,
  SendCommandCommand
} from '@aws-sdk/client-ssm'
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation'
import { mockClient } from 'aws-sdk-client-mock'

import { outputKeys } from '../../src/stack/commons.js'

/** The bash script inside the transport's wrapper. */
function innerScript(text: string): string {
  const match = /<<'(GEN3_POC_SCRIPT_[0-9a-f]+)'\n([\s\S]*?)\n\1\n/.exec(text)
  return match?.[2] ?? ''
}

/** The words of `set -- 'a' 'b'` as the transport quotes them. */
function arguments_(script: string): string[] {
  const line = /^set -- (.*)$/m.exec(script)?.[1] ?? ''
  return [...line.matchAll(/'((?:[^']|'\\'')*)'/g)].map((match) =>
    (match[1] ?? '').replaceAll(`'\\''`, "'")
  )
}

/**
 * An instance as the SSM protocol shows it: files known by SHA-256, the
 * agent online, parameters in a store, and the scripts it was asked to
 * run. The shell of the transport itself is proven on a real shell in the
 * SSM tests; here the commands are answered as the instance would.
 */
export class ScriptedInstance {
  readonly instanceId = 'i-0123456789abcdef0'
  readonly files = new Map<string, string>()
  readonly parameters = new Map<string, string>()
  readonly sent: SendCommandCommandInput[] = []
  /** The command lines of provision.sh and apply-config.sh runs. */
  readonly ran: string[] = []
  /** Make a script run fail with this exit code and stderr. */
  failure: { exitCode: number; stderr: string } | undefined
  readonly mock

  private results = new Map<string, GetCommandInvocationCommandOutput>()

  constructor(ssm: SSMClient) {
    this.mock = mockClient(ssm)
    this.mock.on(DescribeInstanceInformationCommand).resolves({
      InstanceInformationList: [
        { InstanceId: this.instanceId, PingStatus: 'Online' }
      ]
    })
    this.mock.on(GetParameterCommand).callsFake((input: { Name: string }) => {
      const value = this.parameters.get(input.Name)
      if (value === undefined) {
        throw new ParameterNotFound({ message: '', $metadata: {} })
      }
      return { Parameter: { Name: input.Name, Value: value } }
    })
    this.mock
      .on(PutParameterCommand)
      .callsFake((input: { Name: string; Value: string }) => {
        this.parameters.set(input.Name, input.Value)
        return { Version: 1 }
      })
    this.mock
      .on(SendCommandCommand)
      .callsFake((input: SendCommandCommandInput) => {
        this.sent.push(input)
        const id = `command-${this.sent.length}`
        this.results.set(id, this.answer(input.Parameters?.commands?.[0] ?? ''))
        return { Command: { CommandId: id } }
      })
    this.mock
      .on(GetCommandInvocationCommand)
      .callsFake((input: { CommandId: string }) =>
        this.results.get(input.CommandId)
      )
  }

  /** Every file pushed, by path, from the install lines sent. */
  pushedPaths(): string[] {
    return this.sent.flatMap((input) =>
      [
        ...innerScript(input.Parameters?.commands?.[0] ?? '').matchAll(
          /^install_file '([^']+)'/gm
        )
      ].map((match) => match[1] ?? '')
    )
  }

  private answer(text: string): GetCommandInvocationCommandOutput {
    const script = innerScript(text)
    let stdout = ''

    if (script.includes("printf 'sha256 %s %s\\n'")) {
      for (const path of arguments_(script)) {
        const sha = this.files.get(path)
        if (sha) stdout += `sha256 ${sha} ${path}\n`
      }
    } else if (script.includes('install_file')) {
      for (const match of script.matchAll(
        /^assemble \d+ '([^']+)' ([0-9a-f]{64}) /gm
      )) {
        const [, path = '', sha = ''] = match
        this.files.set(path, sha)
        stdout += `installed ${sha} ${path}\n`
      }
    } else if (/provision\.sh|apply-config\.sh/.test(script)) {
      this.ran.push(script)
      if (this.failure) {
        return {
          Status: 'Failed',
          StatusDetails: 'Failed',
          ResponseCode: this.failure.exitCode,
          StandardOutputContent: '',
          StandardErrorContent: this.failure.stderr,
          $metadata: {}
        }
      }
      stdout = 'done\n'
    }
    return {
      Status: 'Success',
      StatusDetails: 'Success',
      ResponseCode: 0,
      StandardOutputContent: stdout,
      StandardErrorContent: '',
      $metadata: {}
    }
  }
}

/** The stack as findCommons reads it, pointing at a local URL. */
export function mockStack(
  cloudFormation: CloudFormationClient,
  url: string,
  instanceId: string,
  hibernated = 'false'
) {
  const mock = mockClient(cloudFormation)
  const values: Record<string, string> = {
    url,
    instanceId,
    loadBalancerDnsName: 'lb.example.org',
    targetGroupArn: 'arn:tg',
    httpsListenerArn: 'arn:https',
    httpListenerArn: 'arn:http',
    loadBalancerSecurityGroupId: 'sg-1',
    instanceSecurityGroupId: 'sg-2'
  }
  mock.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: 'gen3-poc',
        StackStatus: 'UPDATE_COMPLETE',
        CreationTime: new Date(0),
        Parameters: [
          { ParameterKey: 'Hibernated', ParameterValue: hibernated }
        ],
        Outputs: Object.entries(outputKeys).map(([name, key]) => ({
          OutputKey: key,
          OutputValue: values[name] ?? ''
        }))
      }
    ]
  })
  return mock
}

/** A commons answering its health endpoints, each with a status to set. */
export async function startCommons() {
  const statuses = new Map<string, number>()
  const server = createServer((request, response) => {
    response.writeHead(statuses.get(request.url ?? '') ?? 200)
    response.end('ok')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    statuses,
    close: async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  }
}

/** The mocked AWS calls whose input holds any of these values. */
export function callsCarrying(
  mocks: { calls: () => { args: unknown[] }[] }[],
  values: string[]
): [string, string | undefined][] {
  return mocks
    .flatMap((mock) => mock.calls())
    .map(
      (call) =>
        call.args[0] as {
          constructor: { name: string }
          input: { Name?: string }
        }
    )
    .filter((command) => {
      const text = JSON.stringify(command.input)
      return values.some((value) => text.includes(value))
    })
    .map((command) => [command.constructor.name, command.input.Name])
}
