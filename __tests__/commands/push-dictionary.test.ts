import {
  CloudFormationClient,
  DescribeStacksCommand
} from '@aws-sdk/client-cloudformation'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'

import { awsFor } from '../../src/commands/context.js'
import type {
  CheckDictionary,
  DictionaryCheck,
  Finding
} from '../../src/commands/push-dictionary.js'
import {
  checkCentreDictionary,
  pushDictionary,
  runPushDictionary
} from '../../src/commands/push-dictionary.js'
import {
  compileDictionary,
  unknownStamp
} from '../../src/dictionary/compile.js'
import { loadDictionary } from '../../src/dictionary/load.js'
import { DictionaryInvalidError } from '../../src/dictionary/push/errors.js'
import { readDeclarations } from '../../src/inputs/declarations.js'
import { readInputs } from '../../src/inputs/read.js'
import { HibernatedCommonsError } from '../../src/stack/commons.js'
import { FakeClock } from '../fixtures/clock.js'
import { RecordingReporter } from '../fixtures/reporter.js'
import { edited, minimal, withFiles } from '../dictionary/minimal.js'
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

const workspaces: string[] = []

/** A centre's checkout with its dictionary in gen3/dictionary, outside any git repository. */
function workspaceWith(files: Record<string, string>): string {
  const workspace = mkdtempSync(path.join(tmpdir(), 'workspace-'))
  workspaces.push(workspace)
  const folder = path.join(workspace, 'gen3/dictionary')
  if (Object.keys(files).length > 0) mkdirSync(folder, { recursive: true })
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(path.join(folder, name), text)
  }
  return workspace
}

afterEach(() => {
  for (const workspace of workspaces.splice(0)) {
    rmSync(workspace, { recursive: true, force: true })
  }
})

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
        {
          strict: false,
          repositoryRoot: '/github/workspace',
          configDir: 'gen3/config'
        }
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

  it('stops at once for a hibernated commons, pushing nothing and running nothing', async () => {
    cloudFormation.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'gen3-poc',
          StackStatus: 'UPDATE_COMPLETE',
          CreationTime: new Date(),
          Parameters: [{ ParameterKey: 'Hibernated', ParameterValue: 'true' }],
          Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({
            OutputKey,
            OutputValue
          }))
        }
      ]
    })
    const reporter = new RecordingReporter()
    const instance = new FakeInstance(previous)

    const failure = runPushDictionary(contextFor(reporter), {
      checkDictionary: checking().check,
      transport: instance
    })

    await expect(failure).rejects.toThrow(HibernatedCommonsError)
    await expect(failure).rejects.toThrow(
      `Stack 'gen3-poc' is hibernated, so the dictionary was not pushed to its instance ${outputs.InstanceId}: run resume, then push-dictionary again.`
    )
    expect(instance.pushed).toEqual([])
    expect(instance.commands).toEqual([])
  })

  it('says where to read the findings GitHub shows no annotation for', async () => {
    const reporter = new RecordingReporter()
    const { check } = checking(
      Array.from({ length: 11 }, (_, index) => ({
        severity: 'warning' as const,
        rule: 'R-SYSTEM-PROPS',
        message: `warning ${index}`
      }))
    )

    const instance = new FakeInstance(previous)

    await runPushDictionary(contextFor(reporter), {
      checkDictionary: check,
      transport: instance,
      fetch: instance.fetch
    })

    expect(reporter.at('notice')).toContain(
      'GitHub shows at most 10 error and 10 warning annotations per step: 1 more warning is in the log above and in the job summary.'
    )
  })

  it('checks the folder itself, and pushes nothing when it has errors', async () => {
    const workspace = workspaceWith(
      edited('sample.yaml', 'target_type: subject', 'target_type: subjekt')
    )
    const reporter = new RecordingReporter()

    await expect(
      pushDictionary({
        ...contextFor(reporter),
        env: { GITHUB_WORKSPACE: workspace }
      })
    ).rejects.toThrow(
      'The dictionary in gen3/dictionary has 1 error (see the annotations), so nothing was pushed: fix it and push again.'
    )
    expect(reporter.lines.filter((line) => line.level === 'error')).toEqual([
      {
        level: 'error',
        message:
          'The link subjects of sample targets subjekt, which is not a node (did you mean subject?); sheepdog and peregrine fail to start. Expected: the id of a node of the dictionary.',
        place: {
          file: 'gen3/dictionary/sample.yaml',
          line: 28,
          title: 'R-LINK-TARGET'
        }
      }
    ])
    expect(cloudFormation.commandCalls(DescribeStacksCommand)).toHaveLength(0)
  })
})

describe('the checks push-dictionary runs', () => {
  it('compiles the schema.json that validate-dictionary would, with its checksum', async () => {
    const workspace = workspaceWith({ ...minimal })

    const check = await checkCentreDictionary('gen3/dictionary', {
      strict: false,
      repositoryRoot: workspace,
      configDir: 'gen3/config'
    })
    const expected = compileDictionary(
      loadDictionary({ files: { ...minimal } }),
      unknownStamp
    )

    expect(check.schemaJson).toBe(expected.json)
    expect(check.sha256).toBe(expected.sha256)
    expect(check.compiled).toEqual(expected.schema)
    expect(check.findings.map((item) => [item.severity, item.rule])).toEqual([
      ['warning', 'R-PORTAL-NODES']
    ])
  })

  it("drops the default portal's node needs when the centre ships its own gitops.json", async () => {
    const workspace = workspaceWith({ ...minimal })
    mkdirSync(path.join(workspace, 'gen3/config'), { recursive: true })
    writeFileSync(path.join(workspace, 'gen3/config/gitops.json'), '{}\n')

    const check = await checkCentreDictionary('gen3/dictionary', {
      strict: false,
      repositoryRoot: workspace,
      configDir: 'gen3/config'
    })

    expect(check.findings).toEqual([])
  })

  it('names the rule of a finding that belongs to no file', async () => {
    const workspace = workspaceWith(withFiles({ 'project.yaml': undefined }))

    const check = await checkCentreDictionary('gen3/dictionary', {
      strict: false,
      repositoryRoot: workspace,
      configDir: 'gen3/config'
    })

    expect(check.findings.find((item) => item.rule === 'R-ROOT-NODES')).toEqual(
      {
        severity: 'error',
        rule: 'R-ROOT-NODES',
        message:
          'R-ROOT-NODES: The dictionary has no project node, which Gen3 needs at the root of every submission. Expected: project.yaml with id: project, as in the uc-cdis/datadictionary project.yaml.'
      }
    )
  })

  it('refuses a dictionary-dir that does not exist, rather than push the example', async () => {
    const workspace = workspaceWith({})

    await expect(
      checkCentreDictionary('gen3/dictionry', {
        strict: false,
        repositoryRoot: workspace,
        configDir: 'gen3/config'
      })
    ).rejects.toThrow(
      "The dictionary folder gen3/dictionry does not exist in the repository, so there is nothing to push: set dictionary-dir to the folder with the dictionary's .yaml files, and check the repository out before this step."
    )
  })

  it('refuses a dictionary-dir that is a file', async () => {
    const workspace = workspaceWith({})
    writeFileSync(path.join(workspace, 'schema.yaml'), 'id: x\n')

    await expect(
      checkCentreDictionary('schema.yaml', {
        strict: false,
        repositoryRoot: workspace,
        configDir: 'gen3/config'
      })
    ).rejects.toThrow(
      "dictionary-dir schema.yaml is a file: set it to the folder that holds the dictionary's .yaml files."
    )
  })
})
