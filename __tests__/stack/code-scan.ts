import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Reads the TypeScript sources the way a reviewer would: which AWS SDK
 * commands each file constructs, and which files each file imports.
 */
const root = fileURLToPath(new URL('../../', import.meta.url))
export const source = path.join(root, 'src')

/** The IAM service prefix of each AWS SDK client package the code uses. */
const servicePrefixes: Record<string, string> = {
  '@aws-sdk/client-cloudformation': 'cloudformation',
  '@aws-sdk/client-ec2': 'ec2',
  '@aws-sdk/client-ssm': 'ssm',
  '@aws-sdk/client-elastic-load-balancing-v2': 'elasticloadbalancing'
}

interface Scanned {
  /** Relative modules this file imports for their values (not only types). */
  imports: string[]
  /** IAM actions of the SDK commands this file constructs. */
  actions: string[]
}

export function scan(file: string): Scanned {
  const text = readFileSync(file, 'utf8')
  const imports: string[] = []
  const sdkNames = new Map<string, string>()

  const statement =
    /(import|export)\s+(type\s+)?(?:\{([^}]*)\}|\*(?:\s+as\s+\w+)?|\w+)\s+from\s+'([^']+)'/g
  for (const match of text.matchAll(statement)) {
    const [, , typeOnly, names = '', specifier = ''] = match
    if (typeOnly) continue
    const values = names
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name && !name.startsWith('type '))
      .map((name) => name.split(/\s+as\s+/).pop() ?? name)

    if (specifier.startsWith('.')) {
      if (values.length > 0 || !names) imports.push(specifier)
    } else if (specifier.startsWith('@aws-sdk/client-')) {
      for (const name of values) sdkNames.set(name, specifier)
    }
  }
  for (const match of text.matchAll(/import\(\s*'(\.[^']+)'\s*\)/g)) {
    imports.push(match[1] ?? '')
  }

  const actions: string[] = []
  for (const match of text.matchAll(/new\s+(\w+)Command\s*\(/g)) {
    const name = `${match[1] ?? ''}Command`
    const client = sdkNames.get(name)
    if (!client) continue
    const prefix = servicePrefixes[client]
    if (!prefix) {
      throw new Error(
        `${path.relative(root, file)} sends ${name} from ${client}: add its IAM prefix to this test`
      )
    }
    actions.push(`${prefix}:${name.replace(/Command$/, '')}`)
  }
  return { imports, actions }
}

function resolve(from: string, specifier: string): string {
  const base = path.resolve(path.dirname(from), specifier.replace(/\.js$/, ''))
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate)) return candidate
  }
  throw new Error(`${from} imports ${specifier}, which is not there`)
}

/** Every action the code reachable from a file can send. */
export function reachableActions(entry: string): Set<string> {
  const seen = new Set<string>()
  const actions = new Set<string>()
  const queue = [entry]
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue
    seen.add(file)
    const scanned = scan(file)
    scanned.actions.forEach((action) => actions.add(action))
    queue.push(...scanned.imports.map((specifier) => resolve(file, specifier)))
  }
  return actions
}

export function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name)
    return statSync(full).isDirectory()
      ? sourceFiles(full)
      : full.endsWith('.ts')
        ? [full]
        : []
  })
}
