import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'

import type { Context } from '../../src/commands/context.js'
import { checkDictionaryCommand } from '../../src/commands/validate-dictionary.js'
import {
  compileDictionary,
  unknownStamp
} from '../../src/dictionary/compile.js'
import { loadDictionary } from '../../src/dictionary/load.js'
import { readDeclarations } from '../../src/inputs/declarations.js'
import { readInputs } from '../../src/inputs/read.js'
import { FakeClock } from '../fixtures/clock.js'
import { RecordingReporter } from '../fixtures/reporter.js'
import { FakeThread } from '../github/thread.js'
import { edited, minimal } from './minimal.js'

const declarations = readDeclarations(
  new URL('../../action.yml', import.meta.url)
).inputs

let root: string
/** Where the action keeps its example: outside the centre's repository. */
let action: string

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'repository-'))
  action = mkdtempSync(path.join(tmpdir(), 'action-'))
})

afterEach(() => {
  rmSync(root, { recursive: true, force: true })
  rmSync(action, { recursive: true, force: true })
})

function writeFiles(dir: string, files: Record<string, string>) {
  mkdirSync(dir, { recursive: true })
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), text)
  }
}

function writeDictionary(folder: string, files: Record<string, string>) {
  writeFiles(path.join(root, folder), files)
}

function context(
  given: Record<string, string> = {},
  env: NodeJS.ProcessEnv = {}
): {
  context: Context
  reporter: RecordingReporter
} {
  const reporter = new RecordingReporter()
  const inputs = readInputs(
    (name) => ({ command: 'validate-dictionary', ...given })[name],
    declarations,
    reporter
  )
  return {
    reporter,
    context: {
      inputs,
      reporter,
      env: { GITHUB_WORKSPACE: root, ...env },
      clock: new FakeClock(),
      aws: () => {
        throw new Error('validate-dictionary makes no AWS call')
      }
    }
  }
}

const example = () => path.join(action, 'examples/centre/gen3/dictionary')

describe('validate-dictionary', () => {
  it('reports the counts and the checksum of the schema.json it would push', async () => {
    writeDictionary('gen3/dictionary', { ...minimal })
    const { context: given, reporter } = context()

    await checkDictionaryCommand(given, example())

    expect(reporter.outputs).toEqual({
      'dictionary-errors': '0',
      'dictionary-warnings': '1',
      'dictionary-sha256': compileDictionary(
        loadDictionary({ files: { ...minimal } }),
        unknownStamp
      ).sha256
    })
    expect(reporter.groups).toEqual([
      'Read the data dictionary',
      'Check it against the rules',
      'Compile schema.json'
    ])
    expect(reporter.at('info')).toEqual([
      'Read 7 files: 4 nodes in 0.0 s',
      '0 errors, 1 warning in 0.0 s',
      expect.stringMatching(
        /^schema\.json: \d+ bytes, sha256 [0-9a-f]{64}, not stamped: the folder is not in a git checkout$/
      )
    ])
  })

  it('annotates each finding on its file and line from the repository root, titled with its rule', async () => {
    writeDictionary(
      'gen3/dictionary',
      edited('sample.yaml', 'target_type: subject', 'target_type: subjekt')
    )
    const { context: given, reporter } = context()

    await expect(checkDictionaryCommand(given, example())).rejects.toThrow(
      'The data dictionary in gen3/dictionary has 1 error: each is annotated at its file and line; fix them and run again.'
    )
    expect(reporter.lines.filter((line) => line.level === 'error')).toEqual([
      {
        level: 'error',
        message:
          'The link subjects of sample targets subjekt, which is not a node (did you mean subject?); sheepdog and peregrine fail to start. Expected: the id of a node of the dictionary.',
        place: {
          file: 'gen3/dictionary/sample.yaml',
          line: 28,
          column: 5,
          title: 'R-LINK-TARGET'
        }
      }
    ])
    expect(reporter.outputs['dictionary-errors']).toBe('1')
  })

  it('writes a job summary with the counts and a table of the findings', async () => {
    writeDictionary(
      'gen3/dictionary',
      edited('sample.yaml', 'target_type: subject', 'target_type: subjekt')
    )
    const { context: given, reporter } = context()

    await expect(checkDictionaryCommand(given, example())).rejects.toThrow()
    const [summary] = reporter.summaries

    expect(summary).toContain('## Data dictionary')
    expect(summary).toContain(
      '`gen3/dictionary`: **1 error**, 1 warning; 4 nodes; schema.json sha256 `'
    )
    expect(summary).toContain(
      '| error | R-LINK-TARGET | gen3/dictionary/sample.yaml:28 | The link subjects of sample targets subjekt'
    )
    expect(summary).toContain('| warning | R-PORTAL-NODES | — |')
  })

  it('reads dictionary-dir and makes loose findings errors with strict', async () => {
    writeDictionary(
      'centre/dd',
      edited('sample.yaml', 'backref: samples', 'backref: 2samples')
    )
    const { context: given, reporter } = context({
      'dictionary-dir': 'centre/dd',
      strict: 'true'
    })

    await expect(checkDictionaryCommand(given, example())).rejects.toThrow(
      'The data dictionary in centre/dd has 1 error'
    )
    expect(
      reporter.lines.find((line) => line.level === 'error')?.place
    ).toEqual({
      file: 'centre/dd/sample.yaml',
      line: 26,
      column: 5,
      title: 'R-GRAPHQL-NAMES'
    })
  })

  it('checks the bundled example, saying so, when dictionary-dir does not exist', async () => {
    writeFiles(example(), { ...minimal })
    const { context: given, reporter } = context()

    await checkDictionaryCommand(given, example())

    expect(reporter.at('notice')[0]).toBe(
      "gen3/dictionary does not exist in the repository: checking the bundled example dictionary instead. Set dictionary-dir to your dictionary's folder."
    )
    expect(reporter.summaries[0]).toContain(
      '`the bundled example dictionary`: **0 errors**'
    )
  })

  it('names the file in the message of a finding outside the repository', async () => {
    writeFiles(example(), edited('sample.yaml', 'title: Sample\n', ''))
    const { context: given, reporter } = context()

    await expect(checkDictionaryCommand(given, example())).rejects.toThrow(
      'The data dictionary in the bundled example dictionary has 1 error'
    )
    expect(reporter.lines.filter((line) => line.level === 'error')).toEqual([
      {
        level: 'error',
        message:
          'R-TITLE sample.yaml:2: sample has no title; sheepdog and peregrine fail to start without one. Expected: title: the display name, such as Sample.'
      }
    ])
  })

  it('names the rule in the text of a finding that belongs to no file', async () => {
    writeDictionary('gen3/dictionary', { ...minimal })
    const { context: given, reporter } = context()

    await checkDictionaryCommand(given, example())

    expect(reporter.lines.filter((line) => line.level === 'warning')).toEqual([
      {
        level: 'warning',
        message:
          "R-PORTAL-NODES: The dictionary has no case, experiment and aliquot nodes, which compose-services' default portal configuration expects. Expected: a portal configuration (gitops.json) written for this dictionary's nodes."
      }
    ])
  })

  it('names a folder outside the repository by its full path', async () => {
    const outside = path.join(action, 'elsewhere')
    writeFiles(
      outside,
      edited('sample.yaml', 'target_type: subject', 'target_type: subjekt')
    )
    const { context: given } = context({ 'dictionary-dir': outside })

    await expect(checkDictionaryCommand(given, example())).rejects.toThrow(
      `The data dictionary in ${outside} has 1 error: each is annotated at its file and line; fix them and run again.`
    )
  })

  it('says where to read the findings GitHub shows no annotation for', async () => {
    const descriptions = Array.from(
      { length: 12 },
      (_, index) => `  extra_${index}:\n    description:\n    type: string\n`
    ).join('')
    writeDictionary(
      'gen3/dictionary',
      edited('sample.yaml', '  subjects:\n', `${descriptions}  subjects:\n`)
    )
    const { context: given, reporter } = context()

    await expect(checkDictionaryCommand(given, example())).rejects.toThrow(
      'The data dictionary in gen3/dictionary has 12 errors'
    )
    expect(reporter.at('notice')).toContain(
      'GitHub shows at most 10 error and 10 warning annotations per step: 2 more errors are in the log above and in the job summary.'
    )
  })

  it('says so when the dictionary passes every check', async () => {
    writeDictionary('gen3/dictionary', {
      ...minimal,
      'case.yaml': (minimal['sample.yaml'] ?? '')
        .replace('id: sample', 'id: case')
        .replace('backref: samples', 'backref: cases'),
      'experiment.yaml': (minimal['sample.yaml'] ?? '')
        .replace('id: sample', 'id: experiment')
        .replace('backref: samples', 'backref: experiments'),
      'aliquot.yaml': (minimal['sample.yaml'] ?? '')
        .replace('id: sample', 'id: aliquot')
        .replace('backref: samples', 'backref: aliquots')
    })
    const { context: given, reporter } = context()

    await checkDictionaryCommand(given, example())

    expect(reporter.outputs['dictionary-warnings']).toBe('0')
    expect(reporter.at('notice')).toEqual([
      'No base to compare the dictionary with: this is not a pull request and dictionary-base-ref is empty. Set dictionary-base-ref (for example main) to get a review.',
      'The data dictionary in gen3/dictionary passes every check.'
    ])
  })
})

/** Runs git in the test repository, as a person with a name and address. */
function git(...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=Centre', '-c', 'user.email=centre@example.org', ...args],
    { cwd: root, encoding: 'utf8' }
  ).trim()
}

/** A repository whose main branch holds the minimal dictionary, and a pull request event on top of it. */
function pullRequestOn(base: Record<string, string>): NodeJS.ProcessEnv {
  git('init', '--quiet', '--initial-branch=main')
  writeDictionary('gen3/dictionary', base)
  git('add', '.')
  git('commit', '--quiet', '-m', 'The dictionary')
  const event = path.join(root, 'event.json')
  writeFileSync(
    event,
    JSON.stringify({
      pull_request: { number: 7, base: { sha: git('rev-parse', 'HEAD') } }
    })
  )
  return {
    GITHUB_EVENT_PATH: event,
    GITHUB_REPOSITORY: 'centre/commons',
    GITHUB_RUN_ID: '41'
  }
}

const withoutSampleType = edited(
  'sample.yaml',
  '  sample_type:\n    term:\n      $ref: "_terms.yaml#/sample_type"\n    enum:\n      - Blood\n      - Tissue\n',
  ''
)

describe('validate-dictionary on a pull request', () => {
  it("posts the difference from the base commit's dictionary as one comment, breaking changes first", async () => {
    const env = pullRequestOn({ ...minimal })
    writeDictionary('gen3/dictionary', withoutSampleType)
    const { context: given, reporter } = context(
      { 'github-token': 'token' },
      env
    )
    const thread = new FakeThread()

    await checkDictionaryCommand(given, example(), { comments: thread })

    expect(thread.calls).toEqual(['list page 1', 'create on #7'])
    const body = thread.comments[0]?.body ?? ''
    expect(body.split('\n')[0]).toBe('<!-- gen3-poc:dictionary-review -->')
    expect(body).toContain(
      `Compared \`gen3/dictionary\` at \`${git('rev-parse', '--short=7', 'HEAD')}\` with this pull request.`
    )
    expect(body).toContain(
      '| property removed | `sample.sample_type` | existing records may hold a value for it, which no longer validates |'
    )
    expect(reporter.groups).toContain(
      `Review the dictionary against ${git('rev-parse', '--short=7', 'HEAD')}`
    )
    expect(reporter.summaries).toHaveLength(2)
    expect(reporter.summaries[1]).toContain('### Data dictionary review')
  })

  it('updates that comment in place on the next run', async () => {
    const env = pullRequestOn({ ...minimal })
    writeDictionary('gen3/dictionary', withoutSampleType)
    const thread = new FakeThread()

    await checkDictionaryCommand(
      context({ 'github-token': 'token' }, env).context,
      example(),
      {
        comments: thread
      }
    )
    await checkDictionaryCommand(
      context({ 'github-token': 'token' }, env).context,
      example(),
      {
        comments: thread
      }
    )

    expect(thread.calls).toEqual([
      'list page 1',
      'create on #7',
      'list page 1',
      'update 100'
    ])
    expect(thread.comments).toHaveLength(1)
  })

  it('reviews a dictionary with errors too, then fails on the errors', async () => {
    const env = pullRequestOn({ ...minimal })
    writeDictionary(
      'gen3/dictionary',
      edited('sample.yaml', 'target_type: subject', 'target_type: subjekt')
    )
    const { context: given } = context({ 'github-token': 'token' }, env)
    const thread = new FakeThread()

    await expect(
      checkDictionaryCommand(given, example(), { comments: thread })
    ).rejects.toThrow('The data dictionary in gen3/dictionary has 1 error')
    expect(thread.comments[0]?.body).toContain(
      '| link changed | `sample.subjects` |'
    )
  })

  it('warns, and lets the checks decide, when the review itself fails', async () => {
    const env = pullRequestOn({ ...minimal })
    const { context: given, reporter } = context(
      { 'github-token': 'token' },
      env
    )

    await checkDictionaryCommand(given, example(), {
      comments: new FakeThread(),
      git: (args) =>
        args[0] === 'rev-parse'
          ? Promise.resolve('')
          : Promise.reject(new Error('git ls-tree failed: bad object'))
    })

    expect(reporter.at('warning')).toContain(
      'The dictionary review could not be made: git ls-tree failed: bad object. The checks above still decide the run.'
    )
    expect(reporter.outputs['dictionary-errors']).toBe('0')
  })

  it('annotates the files the pull request changes first, as GitHub shows only the first ten', async () => {
    const env = pullRequestOn(edited('project.yaml', 'title: Project\n', ''))
    writeDictionary(
      'gen3/dictionary',
      edited('sample.yaml', 'target_type: subject', 'target_type: subjekt')
    )
    writeFileSync(
      path.join(root, 'gen3/dictionary/project.yaml'),
      (minimal['project.yaml'] ?? '').replace('title: Project\n', '')
    )
    const { context: given, reporter } = context(
      { 'github-token': 'token' },
      env
    )

    await expect(
      checkDictionaryCommand(given, example(), { comments: new FakeThread() })
    ).rejects.toThrow('has 2 errors')
    expect(
      reporter.lines
        .filter((line) => line.level === 'error')
        .map((line) => line.place?.file)
    ).toEqual(['gen3/dictionary/sample.yaml', 'gen3/dictionary/project.yaml'])
  })

  it('does not review the bundled example, which is no change of the centre', async () => {
    writeFiles(example(), { ...minimal })
    const thread = new FakeThread()
    const { context: given, reporter } = context(
      { 'dictionary-base-ref': 'main' },
      {}
    )

    await checkDictionaryCommand(given, example(), { comments: thread })

    expect(thread.calls).toEqual([])
    expect(reporter.groups).not.toContain('Review the dictionary against main')
  })
})
