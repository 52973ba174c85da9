import {
  CloudFormationClient,
  DescribeStacksCommand
} from '@aws-sdk/client-cloudformation'
import { beforeEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'

import { awsFor } from '../../src/commands/context.js'
import type {
  CheckDictionary,
  DictionaryCheck,
  Finding
} from '../../src/commands/push-dictionary.js'
import {
  pushDictionary,
  runPushDictionary
} from '../../src/commands/push-dictionary.js'
import { DictionaryInvalidError } from '../../src/dictionary/push/errors.js'
import { readDeclarations } from '../../src/inputs/declarations.js'
import { readInputs } from '../../src/inputs/read.js'
import { FakeClock } from '../fixtures/clock.js'
import { RecordingReporter } from '../fixtures/reporter.js'
import {
  checked,
  dictionary,
  FakeInstance
} from '../dictionary/push/instance.js'

const declarations = readDeclarations(
  new URL('../../action.yml', import.meta.url)
).inputs

const cloudFormation = mockClient(CloudFormationClient)

const outputs = {
  Url: 'https://gen3.example.org',
  InstanceId: 'i-0abc',
  LoadBalancerDnsName: 'gen3-poc-123.eu-west-1.elb.amazonaws.com',
  TargetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/t/1',
  HttpsListenerArn: 'arn:aws:elasticloadbalancing:eu-west-1:1:listener/h/1',
  HttpListenerArn: 'arn:aws:elasticloadbalancing:eu-west-1:1:listener/p/1',
  LoadBalancerSecurityGroupId: 'sg-0a',
  InstanceSecurityGroupId: 'sg-0b'
}

const previous = {
  file: 'schema-0123456789abcdef.json',
  compiled: dictionary('old', ['program', 'project'])
}
const next = checked(dictionary('new', ['program', 'project', 'sample']))

function contextFor(reporter: RecordingReporter) {
  const values: Record<string, string> = {
    command: 'push-dictionary',
    region: 'eu-west-1',
    'dictionary-dir': 'gen3/dictionary'
  }
  const inputs = readInputs((name) => values[name], declarations, reporter)
  const env = { GITHUB_WORKSPACE: '/github/workspace' }
  return {
    inputs,
    reporter,
    env,
    clock: new FakeClock(),
    aws: awsFor(inputs, env)
  }
}

function checking(findings: Finding[] = []): {
  check: CheckDictionary
  calls: unknown[][]
} {
  const calls: unknown[][] = []
  const check: CheckDictionary = (directory, options) => {
    calls.push([directory, options])
    const result: DictionaryCheck = { ...next, findings }
    return Promise.resolve(result)
  }
  return { check, calls }
}

beforeEach(() => {
  cloudFormation.reset()
  cloudFormation.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: 'gen3-poc',
        StackStatus: 'UPDATE_COMPLETE',
        CreationTime: new Date(),
        Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({
          OutputKey,
          OutputValue
        }))
      }
    ]
  })
})

describe('the push-dictionary command', () => {
  it('validates, pushes to the instance of the stack, and sums up', async () => {
    const reporter = new RecordingReporter()
    const instance = new FakeInstance(previous)
    const { check, calls } = checking([
      {
        severity: 'warning',
        rule: 'R-ID-LENGTH',
        message: 'node id is long',
        file: 'gen3/dictionary/sample.yaml',
        line: 1
      }
    ])

    await runPushDictionary(contextFor(reporter), {
      checkDictionary: check,
      transport: instance,
      fetch: instance.fetch
    })

    expect(calls).toEqual([
      [
        'gen3/dictionary',
        { strict: false, repositoryRoot: '/github/workspace' }
      ]
    ])
    expect(cloudFormation.commandCalls(DescribeStacksCommand)).toHaveLength(1)
    expect(instance.link).toBe(`schema-${next.sha256.slice(0, 16)}.json`)
    expect(reporter.lines.filter((line) => line.level === 'warning')).toEqual([
      {
        level: 'warning',
        message: 'node id is long',
        place: {
          file: 'gen3/dictionary/sample.yaml',
          line: 1,
          title: 'R-ID-LENGTH'
        }
      }
    ])
    expect(reporter.outputs).toEqual({
      'dictionary-errors': '0',
      'dictionary-warnings': '1',
      'dictionary-sha256': next.sha256
    })
    expect(reporter.summaries).toEqual([
      [
        '### Data dictionary pushed',
        '',
        '| | |',
        '| --- | --- |',
        '| Commons | https://gen3.example.org |',
        '| Dictionary | gen3/dictionary, 3 nodes |',
        `| SHA-256 | \`${next.sha256}\` |`,
        `| Served file | \`schema-${next.sha256.slice(0, 16)}.json\` (was \`${previous.file}\`) |`,
        '| Services | sheepdog, peregrine, portal and tube restarted |',
        '| Took | 10 s |',
        ''
      ].join('\n')
    ])
  })

  it('pushes nothing when the dictionary has errors, and annotates them', async () => {
    const reporter = new RecordingReporter()
    const instance = new FakeInstance(previous)
    const { check } = checking([
      {
        severity: 'error',
        rule: 'R-LINK-TARGET',
        message: "link subjects targets 'subjekt', which is not a node",
        file: 'gen3/dictionary/sample.yaml',
        line: 14
      },
      { severity: 'error', rule: 'R-ROOT-NODES', message: 'project is missing' }
    ])

    const failure = runPushDictionary(contextFor(reporter), {
      checkDictionary: check,
      transport: instance
    })

    await expect(failure).rejects.toThrow(DictionaryInvalidError)
    await expect(failure).rejects.toThrow(
      'The dictionary in gen3/dictionary has 2 errors (see the annotations), so nothing was pushed: fix them and push again.'
    )
    expect(reporter.lines.filter((line) => line.level === 'error')).toEqual([
      {
        level: 'error',
        message: "link subjects targets 'subjekt', which is not a node",
        place: {
          file: 'gen3/dictionary/sample.yaml',
          line: 14,
          title: 'R-LINK-TARGET'
        }
      },
      { level: 'error', message: 'project is missing' }
    ])
    expect(reporter.outputs['dictionary-errors']).toBe('2')
    expect(instance.pushed).toEqual([])
    expect(cloudFormation.commandCalls(DescribeStacksCommand)).toHaveLength(0)
  })

  it('says plainly that validation is not wired in yet', async () => {
    const reporter = new RecordingReporter()

    await expect(pushDictionary(contextFor(reporter))).rejects.toThrow(
      "The command 'validating the dictionary (push-dictionary)' is not available in this version of the action yet."
    )
    expect(cloudFormation.commandCalls(DescribeStacksCommand)).toHaveLength(0)
  })
})
