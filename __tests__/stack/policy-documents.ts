import { readdirSync, readFileSync } from 'node:fs'

export interface Statement {
  Sid: string
  Effect: 'Allow' | 'Deny'
  Action: string[]
  Resource: string | string[]
  Condition?: Record<string, Record<string, string | string[]>>
}

export interface PolicyDocument {
  Version: string
  Statement: Statement[]
}

/** Commands that may call AWS, each with its policy document in policy/. */
export const policyCommands = [
  'deploy',
  'status',
  'hibernate',
  'resume',
  'push-config',
  'push-dictionary',
  'destroy'
] as const

/**
 * The documents of each command, by file name in policy/: a command whose
 * permissions exceed one managed policy's size has them in several.
 */
export const policyFiles: Record<(typeof policyCommands)[number], string[]> = {
  deploy: ['deploy', 'deploy-network'],
  status: ['status'],
  hibernate: ['hibernate'],
  resume: ['resume'],
  'push-config': ['push-config'],
  'push-dictionary': ['push-dictionary'],
  destroy: ['destroy']
}

/** Every document in policy/, by file name without .json. */
export function shippedPolicies(): string[] {
  return readdirSync(new URL('../../policy/', import.meta.url))
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort()
}

/** One document of policy/, by its file name without .json. */
export function policyDocument(name: string): PolicyDocument {
  return JSON.parse(
    readFileSync(new URL(`../../policy/${name}.json`, import.meta.url), 'utf8')
  ) as PolicyDocument
}

/** The text of one document, as IAM measures it: without white space. */
export function policySize(name: string): number {
  const text = readFileSync(
    new URL(`../../policy/${name}.json`, import.meta.url),
    'utf8'
  )
  return text.replace(/\s/g, '').length
}

/** The actions a command's policies allow. */
export function policyActions(command: string): Set<string> {
  const parts: Partial<Record<string, string[]>> = policyFiles
  const files = parts[command] ?? [command]
  return new Set(
    files
      .flatMap((file) => policyDocument(file).Statement)
      .filter((statement) => statement.Effect === 'Allow')
      .flatMap((statement) => statement.Action)
  )
}
