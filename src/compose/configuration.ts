import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

import type { Context } from '../commands/context.js'
import type { Reporter } from '../report/reporter.js'
import { checkComposeOverride } from './compose-override.js'
import { checkEtlMapping } from './etl-mapping.js'
import { checkFenceOverrides, renderFenceOverlay } from './fence-config.js'
import type { Finding } from './finding.js'
import { ConfigurationError } from './finding.js'
import { checkGitops } from './gitops.js'
import type { ConfigFileName } from './layout.js'
import { configFileNames, stagedPath } from './layout.js'
import { didYouMean } from './nearest.js'
import { upstreamRef } from './upstream.js'
import { checkUserYaml } from './user-yaml.js'

/** One file as it goes to the instance, rendered and checked. */
export interface ConfigFile {
  name: ConfigFileName
  /** Where it came from in the repository; undefined when rendered alone. */
  source: string | undefined
  /** Where it is pushed on the instance before it is installed. */
  target: string
  content: Buffer
}

export interface Configuration {
  directory: string
  /** Whether the folder exists at all. */
  found: boolean
  files: ConfigFile[]
  findings: Finding[]
}

type Check = (file: string, text: string, domain: string) => Finding[]

const checks: Record<ConfigFileName, Check> = {
  'user.yaml': checkUserYaml,
  'fence-config.yaml': checkFenceOverrides,
  'docker-compose.override.yml': checkComposeOverride,
  'gitops.json': checkGitops,
  'etlMapping.yaml': checkEtlMapping
}

/**
 * Reads the centre's configuration folder, checks every file and renders
 * what goes to the instance. Pure apart from reading the folder: nothing is
 * sent anywhere, and the findings say what is wrong at which line.
 */
export function readConfiguration(
  directory: string,
  domain: string
): Configuration {
  const findings: Finding[] = []
  const texts = new Map<ConfigFileName, string>()
  const found = existsSync(directory) && statSync(directory).isDirectory()

  if (!found) {
    // user.yaml is required, as a folder without it is an error too.
    findings.push({
      severity: 'error',
      file: directory,
      message: `There is no configuration folder at ${directory}: the commons needs at least its user.yaml, since upstream's example lets nobody use it. Add ${directory}/user.yaml, or set config-dir.`
    })
  } else {
    for (const name of readdirSync(directory).sort()) {
      const known = (configFileNames as readonly string[]).includes(name)
      if (known) {
        texts.set(
          name as ConfigFileName,
          readFileSync(path.join(directory, name), 'utf8')
        )
      } else {
        findings.push({
          severity: 'warning',
          file: path.join(directory, name),
          message: `${name} is not a file this action pushes (${configFileNames.join(', ')})${didYouMean(name, configFileNames)}`
        })
      }
    }
    if (!texts.has('user.yaml')) {
      findings.push({
        severity: 'error',
        file: path.join(directory, 'user.yaml'),
        message:
          'user.yaml is missing: fence needs it to know who may log in and what they may do'
      })
    }
  }

  for (const [name, text] of texts) {
    findings.push(...checks[name](path.join(directory, name), text, domain))
  }

  // A file that does not parse cannot be rendered; its finding says why.
  if (findings.some((finding) => finding.severity === 'error')) {
    return { directory, found, files: [], findings }
  }

  const files = configFileNames.flatMap((name): ConfigFile[] => {
    const text = texts.get(name)
    const source = text === undefined ? undefined : path.join(directory, name)
    if (name === 'fence-config.yaml') {
      return [
        {
          name,
          source,
          target: stagedPath(name),
          content: Buffer.from(renderFenceOverlay(text, domain))
        }
      ]
    }
    if (text === undefined) return []
    return [
      { name, source, target: stagedPath(name), content: Buffer.from(text) }
    ]
  })

  return { directory, found, files, findings }
}

/** Shows each finding on its file and line. */
export function reportFindings(reporter: Reporter, findings: Finding[]): void {
  for (const finding of findings) {
    const place = {
      file: finding.file,
      ...(finding.line !== undefined && { line: finding.line }),
      ...(finding.column !== undefined && { column: finding.column })
    }
    reporter[finding.severity](finding.message, place)
  }
}

/**
 * Reads and checks the configuration, shows the findings, and stops with a
 * ConfigurationError before anything is sent when one is an error.
 */
export function loadConfiguration(
  directory: string,
  domain: string,
  reporter: Reporter
): Configuration {
  const configuration = readConfiguration(directory, domain)
  reportFindings(reporter, configuration.findings)
  if (configuration.findings.some((finding) => finding.severity === 'error')) {
    throw new ConfigurationError(directory, configuration.findings)
  }
  const sources = configuration.files.filter((file) => file.source).length
  reporter.info(
    `Checked ${sources} file${sources === 1 ? '' : 's'} in ${directory}: no errors`
  )
  return configuration
}

/**
 * Reads and checks the centre's configuration for the commons' domain, in a
 * group of its own; a ConfigurationError stops the command before anything
 * is stored or sent.
 */
export function checkConfiguration(
  context: Context,
  domain: string
): Promise<Configuration> {
  const { inputs, reporter } = context
  return reporter.group(
    `Checking the configuration in ${inputs.configDir}`,
    () => {
      if (inputs.composeServicesRef !== upstreamRef) {
        reporter.notice(
          `compose-services-ref is ${inputs.composeServicesRef}; fence settings and services are checked against upstream at ${upstreamRef.slice(0, 7)}`
        )
      }
      return Promise.resolve(
        loadConfiguration(inputs.configDir, domain, reporter)
      )
    }
  )
}
