import { readFileSync } from 'node:fs'

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

export function policyDocument(command: string): PolicyDocument {
  return JSON.parse(
    readFileSync(
      new URL(`../../policy/${command}.json`, import.meta.url),
      'utf8'
    )
  ) as PolicyDocument
}

/** The actions a command's policy allows. */
export function policyActions(command: string): Set<string> {
  return new Set(
    policyDocument(command)
      .Statement.filter((statement) => statement.Effect === 'Allow')
      .flatMap((statement) => statement.Action)
  )
}
