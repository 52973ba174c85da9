import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'

import {
  loadConfiguration,
  readConfiguration
} from '../../src/compose/configuration.js'
import { ConfigurationError } from '../../src/compose/finding.js'
import { RecordingReporter } from '../fixtures/reporter.js'

const domain = 'gen3.example.org'
const userYaml = 'authz: {}\nusers:\n  alice@example.org: {}\n'

describe("the centre's configuration folder", () => {
  let root: string
  let directory: string

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'gen3-poc-config-'))
    directory = path.join(root, 'gen3', 'config')
    mkdirSync(directory, { recursive: true })
  })

  afterEach(() => {
    rmSync(root, { recursive: true, force: true })
  })

  function write(name: string, text: string) {
    writeFileSync(path.join(directory, name), text)
  }

  it('renders each file for its place on the instance', () => {
    write('user.yaml', userYaml)
    write('fence-config.yaml', 'DEBUG: false\n')
    write('gitops.json', '{}\n')

    const configuration = readConfiguration(directory, domain)

    expect(configuration.findings).toEqual([])
    expect(
      configuration.files.map(({ name, source, target }) => ({
        name,
        source,
        target
      }))
    ).toEqual([
      {
        name: 'user.yaml',
        source: path.join(directory, 'user.yaml'),
        target: '/opt/gen3-poc/config/user.yaml'
      },
      {
        name: 'fence-config.yaml',
        source: path.join(directory, 'fence-config.yaml'),
        target: '/opt/gen3-poc/config/fence-config.yaml'
      },
      {
        name: 'gitops.json',
        source: path.join(directory, 'gitops.json'),
        target: '/opt/gen3-poc/config/gitops.json'
      }
    ])
    expect(configuration.files[0]?.content.toString()).toBe(userYaml)
    expect(parse(configuration.files[1]?.content.toString() ?? '')).toEqual({
      DEBUG: false,
      BASE_URL: 'https://gen3.example.org/user'
    })
  })

  it('always renders the fence settings, for BASE_URL', () => {
    write('user.yaml', userYaml)

    const names = readConfiguration(directory, domain).files.map(
      (file) => file.name
    )

    expect(names).toEqual(['user.yaml', 'fence-config.yaml'])
  })

  it('needs a user.yaml', () => {
    expect(readConfiguration(directory, domain).findings).toEqual([
      {
        severity: 'error',
        file: path.join(directory, 'user.yaml'),
        message:
          'user.yaml is missing: fence needs it to know who may log in and what they may do'
      }
    ])
  })

  it('reports each file that does not parse at its line, and renders none of them', () => {
    write('user.yaml', 'users:\n  a: [\n')
    write('fence-config.yaml', 'BASE_URL: [\n')
    write(
      'docker-compose.override.yml',
      'services:\n  fence-service:\n    environment: [a\n'
    )
    write('gitops.json', '{\n "a": 1,\n}\n')
    write('etlMapping.yaml', 'mappings:\n - name: x\n   bad: [\n')
    const yamlError =
      'not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'

    const configuration = readConfiguration(directory, domain)

    expect(
      configuration.findings.map((finding) => [
        path.basename(finding.file),
        finding.line,
        finding.severity,
        finding.message
      ])
    ).toEqual([
      ['docker-compose.override.yml', 4, 'error', yamlError],
      ['etlMapping.yaml', 4, 'error', yamlError],
      ['fence-config.yaml', 2, 'error', yamlError],
      [
        'gitops.json',
        3,
        'error',
        'not valid JSON: a property name in double quotes was expected'
      ],
      ['user.yaml', 3, 'error', yamlError]
    ])
    expect(configuration.files).toEqual([])
  })

  it('warns about a file it does not push, guessing the name meant', () => {
    write('user.yaml', userYaml)
    write('fence-config.yml', 'DEBUG: false\n')

    expect(readConfiguration(directory, domain).findings).toEqual([
      {
        severity: 'warning',
        file: path.join(directory, 'fence-config.yml'),
        message:
          "fence-config.yml is not a file this action pushes (user.yaml, fence-config.yaml, docker-compose.override.yml, gitops.json, etlMapping.yaml); did you mean 'fence-config.yaml'?"
      }
    ])
  })

  it('refuses a missing folder as it refuses a missing user.yaml', () => {
    const missing = path.join(root, 'elsewhere')

    const configuration = readConfiguration(missing, domain)

    expect(configuration.findings.map((finding) => finding.severity)).toEqual([
      'error'
    ])
    expect(configuration.findings[0]?.message).toBe(
      `There is no configuration folder at ${missing}: the commons needs at least its user.yaml, since upstream's example lets nobody use it. Add ${missing}/user.yaml, or set config-dir.`
    )
    expect(configuration.files).toEqual([])
  })

  it('shows every finding on its file and line, and stops on errors before anything is sent', () => {
    write('user.yaml', 'users:\n  alice@example.org:\n    policies: [admin]\n')
    write('gitops.json', '{,}')
    const reporter = new RecordingReporter()

    const failure = (() => {
      try {
        loadConfiguration(directory, domain, reporter)
        return undefined
      } catch (error) {
        return error
      }
    })()

    expect(failure).toBeInstanceOf(ConfigurationError)
    expect((failure as Error).message).toBe(
      `The configuration in ${directory} has 2 errors; nothing was sent to the instance. Fix them and run again:\n` +
        `  ${directory}/gitops.json:1: not valid JSON: a value was expected\n` +
        `  ${directory}/user.yaml:3: user 'alice@example.org' has policy 'admin', which authz.policies does not define`
    )
    expect(reporter.lines.filter((line) => line.level === 'error')).toEqual([
      {
        level: 'error',
        message: 'not valid JSON: a value was expected',
        place: { file: `${directory}/gitops.json`, line: 1, column: 2 }
      },
      {
        level: 'error',
        message:
          "user 'alice@example.org' has policy 'admin', which authz.policies does not define",
        place: { file: `${directory}/user.yaml`, line: 3, column: 16 }
      }
    ])
  })

  it('says how many files it checked when all is well', () => {
    write('user.yaml', userYaml)
    const reporter = new RecordingReporter()

    loadConfiguration(directory, domain, reporter)

    expect(reporter.at('info')).toEqual([
      `Checked 1 file in ${directory}: no errors`
    ])
  })
})
