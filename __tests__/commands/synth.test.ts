import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { describe, expect, it } from '@jest/globals'

import { synth, synthRegion } from '../../src/commands/synth.js'
import { ConfigurationError } from '../../src/compose/finding.js'
import { InvalidDictionaryError } from '../../src/dictionary/check.js'
import { InputError } from '../../src/errors.js'
import { readDeclarations } from '../../src/inputs/declarations.js'
import { run } from '../../src/main.js'
import { FakeClock } from '../fixtures/clock.js'
import { RecordingReporter } from '../fixtures/reporter.js'
import { withFiles } from '../dictionary/minimal.js'
import { inputsFor } from '../template/variants.js'

/** What synth says of the bundled example dictionary, checked after the plan. */
const exampleNotices = [
  "gen3/dictionary does not exist in the repository: checking the bundled example dictionary instead. Set dictionary-dir to your dictionary's folder.",
  'The data dictionary in the bundled example dictionary passes every check.',
  'gen3/config does not exist: no configuration was checked. deploy needs one, with at least its user.yaml.'
]

const declarations = readDeclarations(
  new URL('../../action.yml', import.meta.url)
).inputs

function templateFile(): string {
  return path.join(
    mkdtempSync(path.join(tmpdir(), 'synth-')),
    'out',
    'gen3-poc.template.json'
  )
}

async function synthWith(
  given: Record<string, string>,
  env: NodeJS.ProcessEnv = {}
) {
  const reporter = new RecordingReporter()
  const file = given['template-file'] ?? templateFile()
  await synth({
    inputs: inputsFor({ ...given, 'template-file': file }),
    reporter,
    env,
    clock: new FakeClock(),
    aws: () => {
      throw new Error('synth must not call AWS')
    }
  })
  return { reporter, file }
}

describe('synth', () => {
  it('writes the template to template-file, creating its folder', async () => {
    const { reporter, file } = await synthWith({})
    const written = readFileSync(file, 'utf8')

    expect(JSON.parse(written)).toMatchObject({
      AWSTemplateFormatVersion: '2010-09-09'
    })
    expect(reporter.outputs['template-file']).toBe(file)
    expect(reporter.at('info')[0]).toMatch(
      new RegExp(
        `^Wrote ${file.replace(/[.]/g, '\\.')}: 33 resources, [\\d,]+ bytes$`
      )
    )
  })

  it('uses an example domain with a notice when none is given', async () => {
    const { reporter } = await synthWith({})

    expect(reporter.at('notice')).toEqual([
      "No domain given: the plan uses gen3.example.org. deploy needs the commons' real domain and its hosted-zone-id.",
      ...exampleNotices
    ])
    expect(reporter.at('info')).toContain(
      '  DomainName         gen3.example.org (the domain input)'
    )
  })

  it('gives no notice of the domain when it is given', async () => {
    const { reporter } = await synthWith({ domain: 'gen3.example.edu' })
    expect(reporter.at('notice')).toEqual(exampleNotices)
  })

  it('prints the plan and the cost table in their own groups', async () => {
    const { reporter } = await synthWith({ domain: 'gen3.example.edu' })
    const info = reporter.at('info')

    expect(reporter.groups).toEqual([
      'Template',
      'Plan',
      'Cost',
      'Read the data dictionary',
      'Check it against the rules',
      'Compile schema.json'
    ])
    expect(info).toContain('Stack gen3-poc in us-east-1')
    expect(info).toContain('Checks passed')
    expect(info).toContain(
      '  ImageId            (resolved at deploy from /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64, then kept on every update)'
    )
    expect(info).toContain(
      'Monthly cost in USD, us-east-1 on-demand prices of 2025-11'
    )
    expect(info).toContain('Total                       353.75       40.58')
  })

  it('sets the plan with its cost, and both monthly figures, as outputs', async () => {
    const { reporter } = await synthWith({})
    const plan = JSON.parse(reporter.outputs.plan ?? '') as Record<
      string,
      unknown
    >

    expect(reporter.outputs['cost-running']).toBe('353.75')
    expect(reporter.outputs['cost-hibernated']).toBe('40.58')
    expect(plan).toMatchObject({
      stackName: 'gen3-poc',
      region: 'us-east-1',
      resourceCount: 33,
      cost: { running: 353.75, hibernated: 40.58, pricedRegion: 'us-east-1' }
    })
    expect(plan.checks).toHaveLength(5)
  })

  it('writes a job summary with the plan and the cost table', async () => {
    const { reporter, file } = await synthWith({})
    const [summary] = reporter.summaries

    expect(reporter.summaries).toHaveLength(2)
    expect(summary).toContain('### Gen3 POC stack `gen3-poc` in us-east-1')
    expect(summary).toContain('| **Total** | **353.75** | **40.58** | |')
    expect(summary).toContain(`Template: \`${file}\`.`)
  })

  it('prices the region of the input', async () => {
    const { reporter } = await synthWith({ region: 'ap-southeast-2' })
    expect(reporter.outputs['cost-running']).toBe('437.49')
    expect(reporter.at('warning')).toEqual([])
  })

  it('warns when the region has no prices of its own', async () => {
    const { reporter } = await synthWith({ region: 'eu-west-2' })
    expect(reporter.at('warning')).toEqual([
      'The price table has no figures for eu-west-2: the estimate uses us-east-1 prices, which may differ by 10 to 30 percent.'
    ])
  })

  it('checks the example dictionary and gives its counts as outputs', async () => {
    const { reporter } = await synthWith({})

    expect(reporter.outputs['dictionary-errors']).toBe('0')
    expect(reporter.outputs['dictionary-warnings']).toBe('0')
    expect(reporter.outputs['dictionary-sha256']).toMatch(/^[0-9a-f]{64}$/)
    expect(reporter.summaries[1]).toContain('the bundled example dictionary')
  })

  it("fails on the centre's dictionary with errors, once the plan and the template are out", async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'synth-centre-'))
    const folder = path.join(workspace, 'gen3', 'dictionary')
    mkdirSync(folder, { recursive: true })
    for (const [name, text] of Object.entries(
      withFiles({ 'project.yaml': undefined })
    )) {
      writeFileSync(path.join(folder, name), text)
    }

    const reporter = new RecordingReporter()
    const file = templateFile()
    const synthesising = synth({
      inputs: inputsFor({ 'template-file': file }),
      reporter,
      env: { GITHUB_WORKSPACE: workspace },
      clock: new FakeClock(),
      aws: () => {
        throw new Error('synth must not call AWS')
      }
    })

    await expect(synthesising).rejects.toThrow(InvalidDictionaryError)
    expect(existsSync(file)).toBe(true)
    expect(reporter.outputs['cost-running']).toBe('353.75')
    expect(reporter.outputs['dictionary-errors']).not.toBe('0')
    expect(reporter.at('error').join('\n')).toContain('R-ROOT-NODES')
  })

  it('checks the configuration deploy would install, at file and line, and fails on its errors', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'synth-config-'))
    writeFileSync(path.join(folder, 'user.yaml'), 'users: {}\n')
    writeFileSync(path.join(folder, 'fence-config.yaml'), 'BASE_ULR: x\n')

    const reporter = new RecordingReporter()

    await expect(
      synth({
        inputs: inputsFor({
          'config-dir': folder,
          'template-file': templateFile()
        }),
        reporter,
        env: {},
        clock: new FakeClock(),
        aws: () => {
          throw new Error('synth must not call AWS')
        }
      })
    ).rejects.toThrow(ConfigurationError)
    expect(reporter.lines.filter((line) => line.level === 'error')).toEqual([
      {
        level: 'error',
        message:
          "unknown fence setting 'BASE_ULR': upstream's fence-config.yaml has no such setting; did you mean 'BASE_URL'?",
        place: { file: `${folder}/fence-config.yaml`, line: 1, column: 1 }
      }
    ])
    expect(reporter.outputs['dictionary-errors']).toBe('0')
  })

  it('passes the example centre configuration', async () => {
    const { reporter } = await synthWith({
      'config-dir': 'examples/centre/gen3/config'
    })

    expect(reporter.groups).toContain(
      'Checking the configuration in examples/centre/gen3/config'
    )
    expect(reporter.at('error')).toEqual([])
  })

  it('names template-file when it cannot be written, such as a folder', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'synth-folder-'))

    await expect(synthWith({ 'template-file': folder })).rejects.toThrow(
      `input 'template-file' is "${folder}": expected a file path that can be written (writing it failed with EISDIR:`
    )
  })

  it('passes on what the plan warns about', async () => {
    const { reporter } = await synthWith({ 'instance-type': 't3.large' })
    expect(reporter.at('warning')).toEqual([
      't3.large has 8 GiB of memory: compose-services needs at least 6 GiB and runs comfortably with 16 GiB or more (m5.2xlarge has 32).'
    ])
  })

  it('names the repository on the sleep page of the template it writes', async () => {
    const { file } = await synthWith(
      {},
      { GITHUB_REPOSITORY: 'umccr/gen3-poc' }
    )
    expect(readFileSync(file, 'utf8')).toContain(
      'the Gen3 POC workflow of <a href=\\"https://github.com/umccr/gen3-poc/actions\\">umccr/gen3-poc</a>'
    )
  })

  it('refuses an instance type that cannot hibernate before writing anything', async () => {
    const file = templateFile()
    await expect(
      synthWith({ 'instance-type': 'm5.metal', 'template-file': file })
    ).rejects.toThrow(InputError)
    expect(existsSync(file)).toBe(false)
  })

  it('refuses a root volume below the minimum before writing anything', async () => {
    const file = templateFile()
    await expect(
      synthWith({ 'root-volume-size': '40', 'template-file': file })
    ).rejects.toThrow(
      'input \'root-volume-size\' is "40": expected at least 92 GiB for m5.2xlarge'
    )
    expect(existsSync(file)).toBe(false)
  })
})

describe("the centre's certificate and the region", () => {
  const arn =
    'arn:aws:acm:ap-southeast-2:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789'

  it('is refused when it is not in the region the stack goes to, before writing anything', async () => {
    const file = templateFile()
    await expect(
      synthWith({
        'certificate-arn': arn,
        region: 'us-east-1',
        'template-file': file
      })
    ).rejects.toThrow(
      `input 'certificate-arn' is "${arn}": expected a certificate in us-east-1, where the stack goes: a load balancer only takes an ACM certificate of its own region, and this one is in ap-southeast-2`
    )
    expect(existsSync(file)).toBe(false)
  })

  it('is held against the region of the environment too', async () => {
    await expect(
      synthWith({ 'certificate-arn': arn }, { AWS_REGION: 'eu-west-1' })
    ).rejects.toThrow(/expected a certificate in eu-west-1/)
  })

  it('is accepted in its own region, and when no region was chosen', async () => {
    await expect(
      synthWith({ 'certificate-arn': arn, region: 'ap-southeast-2' })
    ).resolves.toMatchObject({})
    await expect(synthWith({ 'certificate-arn': arn })).resolves.toMatchObject(
      {}
    )
  })
})

describe("synth's region", () => {
  it('is the input first', () => {
    expect(synthRegion('ap-southeast-2', { AWS_REGION: 'eu-west-1' })).toBe(
      'ap-southeast-2'
    )
  })

  it('refuses a region from the environment that AWS does not offer', () => {
    expect(() => synthRegion(undefined, { AWS_REGION: 'bogus' })).toThrow(
      InputError
    )
  })

  it('is AWS_REGION, then AWS_DEFAULT_REGION, from the environment', () => {
    expect(
      synthRegion(undefined, {
        AWS_REGION: 'eu-west-1',
        AWS_DEFAULT_REGION: 'eu-west-2'
      })
    ).toBe('eu-west-1')
    expect(synthRegion(undefined, { AWS_DEFAULT_REGION: 'eu-west-2' })).toBe(
      'eu-west-2'
    )
  })

  it('is us-east-1 when nothing says otherwise, so synth never fails for want of a region', () => {
    expect(synthRegion(undefined, {})).toBe('us-east-1')
  })
})

describe('synth as the runner runs it', () => {
  it('succeeds with no inputs, no credentials and no region', async () => {
    const reporter = new RecordingReporter()
    const file = templateFile()
    const failure = await run({
      get: (name) => (name === 'template-file' ? file : undefined),
      declarations,
      reporter,
      env: {},
      clock: new FakeClock()
    })

    expect(failure).toBeUndefined()
    expect(existsSync(file)).toBe(true)
  })

  it('fails with the message of a bad instance type', async () => {
    const failure = await run({
      get: (name) => (name === 'instance-type' ? 'm5.12xlarge' : undefined),
      declarations,
      reporter: new RecordingReporter(),
      env: {},
      clock: new FakeClock()
    })

    expect(failure).toMatch(
      /^input 'instance-type' is "m5\.12xlarge": expected less than 150 GiB of memory to hibernate \(m5\.12xlarge has 192 GiB\)/
    )
  })
})
