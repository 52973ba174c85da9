import { builtinFiles, specialFiles } from './builtins.js'
import { finding, type Finding } from './findings.js'
import { type ParsedFile, parseDictionaryFile } from './parse.js'
import { isMapping } from './pointer.js'
import { type Origin, type RefScope, resolveFile } from './resolve.js'
import type { DictionarySource } from './source.js'

/** A node type, its `$ref`s resolved, knowing where each of its values is written. */
export interface DictionaryNode {
  id: string
  /** The file it comes from, e.g. `sample.yaml`. */
  file: string
  /** One of the two nodes Gen3 adds itself (root, data_release). */
  builtin: boolean
  /** The node's schema with every `$ref` merged in. */
  schema: Record<string, unknown>
  /** Pointer into `schema` → where that value is written. */
  origins: ReadonlyMap<string, Origin>
  /** False when one of its `$ref`s did not resolve: its content checks wait for that fix. */
  resolved: boolean
}

/** A dictionary as Gen3's services see it once they have loaded it. */
export interface Dictionary {
  source: DictionarySource
  /** Every top-level `*.yaml` file that could be read, by name, `$ref`s kept. */
  files: ReadonlyMap<string, ParsedFile>
  /** Node types by id: Gen3's built-in root and data_release first, then the centre's by file name. */
  nodes: ReadonlyMap<string, DictionaryNode>
  /** `_settings.yaml`, or empty. */
  settings: Record<string, unknown>
  /** What reading and resolving found (YAML, files, `$ref`s). */
  findings: Finding[]
}

let builtinsParsed: ParsedFile[] | undefined

function builtins(): ParsedFile[] {
  builtinsParsed ??= Object.entries(builtinFiles).map(([name, text]) =>
    parseDictionaryFile(name, text)
  )
  return builtinsParsed
}

function fileFindings(source: DictionarySource): Finding[] {
  const found: Finding[] = []
  for (const name of source.undecodable ?? []) {
    found.push(
      finding(
        'R-YAML-PARSE',
        { file: name },
        `${name} is not UTF-8 text, which is how Gen3's loader opens it.`,
        'the file saved as UTF-8.'
      )
    )
  }
  for (const name of source.ignored ?? []) {
    const meant = name.replace(/\.ya?ml$/i, '.yaml')
    found.push(
      finding(
        'R-FILES-GLOB',
        { file: name },
        `${name} is never read: Gen3 reads only files whose names end in .yaml.`,
        `the file renamed to ${meant}, or moved out of the dictionary folder.`,
        'advice'
      )
    )
  }
  if (Object.hasOwn(source.files, 'metaschema.yaml')) {
    found.push(
      finding(
        'R-FILES-GLOB',
        { file: 'metaschema.yaml', line: 1 },
        "metaschema.yaml is copied into schema.json but never used: Gen3's tools validate against their own metaschema.",
        'no metaschema.yaml in the dictionary folder.',
        'advice'
      )
    )
  }
  return found
}

function readSettings(file: ParsedFile | undefined, found: Finding[]) {
  if (!file) return {}
  if (isMapping(file.content)) return file.content
  found.push(
    finding(
      'R-SETTINGS-MAP',
      { file: file.name, line: file.positions.get('')?.line ?? 1 },
      file.content === null
        ? '_settings.yaml is empty; compiling schema.json then fails.'
        : '_settings.yaml is not a mapping; compiling schema.json then fails.',
      'key: value settings such as enable_case_cache: false, or no _settings.yaml at all.'
    )
  )
  return {}
}

/** Why a file read as a node cannot be one, or undefined when it has a text id. */
function notANode(file: ParsedFile): Finding | undefined {
  const place = { file: file.name, line: file.positions.get('')?.line ?? 1 }
  const expected =
    'a mapping with id, title, category, links and properties; any other helper file belongs in a sub-folder, which Gen3 does not read.'
  const { content } = file
  if (!isMapping(content)) {
    const what =
      content === null
        ? 'is empty'
        : `holds ${Array.isArray(content) ? 'a list' : 'a single value'}`
    return finding(
      'R-NODE-HAS-ID',
      place,
      `${file.name} ${what}, but every top-level .yaml file other than _definitions, _terms, _settings and metaschema is read as a node.`,
      expected
    )
  }
  if (!Object.hasOwn(content, 'id')) {
    return finding(
      'R-NODE-HAS-ID',
      place,
      `${file.name} has no id, but every top-level .yaml file other than _definitions, _terms, _settings and metaschema is read as a node.`,
      expected
    )
  }
  if (typeof content.id !== 'string') {
    return finding(
      'R-NODE-HAS-ID',
      {
        file: file.name,
        line: file.positions.get('/id')?.line ?? place.line
      },
      `The id of ${file.name} is ${String(content.id)}, not text.`,
      `the node's name as text: id: ${file.name.replace(/\.yaml$/, '')}.`
    )
  }
  return undefined
}

/**
 * Reads a dictionary as dictionaryutils' DataDictionary does: every file
 * parsed as YAML 1.1, every file other than the four special ones a node
 * keyed by its id, the built-in root and data_release added, and every
 * `$ref` resolved.
 */
export function loadDictionary(source: DictionarySource): Dictionary {
  const found = fileFindings(source)
  const files = new Map<string, ParsedFile>()
  const unreadable = new Set<string>(source.undecodable ?? [])

  for (const name of Object.keys(source.files).sort()) {
    const parsed = parseDictionaryFile(name, source.files[name] ?? '')
    found.push(...parsed.findings)
    if (parsed.readable) files.set(name, parsed)
    else unreadable.add(name)
  }

  const settings = readSettings(files.get('_settings.yaml'), found)

  const scopeFiles = new Map<string, ParsedFile>()
  const builtinNames = new Set<string>()
  for (const file of builtins()) {
    if (files.has(file.name) || unreadable.has(file.name)) continue
    scopeFiles.set(file.name, file)
    builtinNames.add(file.name)
  }
  for (const [name, file] of files) scopeFiles.set(name, file)
  const scope: RefScope = {
    files: scopeFiles,
    unreadable,
    builtin: builtinNames
  }

  const nodes = new Map<string, DictionaryNode>()
  const declaredIn = new Map<string, string>()
  for (const [name, file] of scopeFiles) {
    if (specialFiles.has(name)) continue
    const problem = notANode(file)
    if (problem) {
      found.push(problem)
      continue
    }
    const id = (file.content as { id: string }).id

    const earlier = declaredIn.get(id)
    if (earlier !== undefined) {
      found.push(
        finding(
          'R-NODE-ID-UNIQUE',
          { file: name, line: file.positions.get('/id')?.line ?? 1 },
          `${name} declares the node id ${id}, which ${earlier} declares too; Gen3 keeps only one of them.`,
          `an id of its own, matching the file name: id: ${name.replace(/\.yaml$/, '')}.`
        )
      )
      nodes.delete(id)
    }
    declaredIn.set(id, name)

    const resolution = resolveFile(file, scope)
    found.push(...resolution.findings)
    nodes.set(id, {
      id,
      file: name,
      builtin: builtinNames.has(name),
      schema: isMapping(resolution.value) ? resolution.value : {},
      origins: resolution.origins,
      resolved: resolution.findings.length === 0
    })
  }

  return { source, files, nodes, settings, findings: found }
}
