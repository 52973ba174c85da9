import { readFileSync } from 'node:fs'

/** The pull request a workflow runs for, as its event payload tells. */
export interface PullRequest {
  owner: string
  repo: string
  number: number
  /** The commit the pull request is compared with. */
  baseSha: string
  baseRef: string
}

interface EventPayload {
  pull_request?: {
    number?: unknown
    base?: {
      sha?: unknown
      ref?: unknown
      repo?: { name?: unknown; owner?: { login?: unknown } }
    }
  }
  repository?: { name?: unknown; owner?: { login?: unknown } }
}

/**
 * Reads the pull request from the event payload at GITHUB_EVENT_PATH
 * (pull_request and pull_request_target events), or undefined for any other
 * event or outside a workflow.
 */
export function pullRequestOf(
  env: NodeJS.ProcessEnv,
  read: (path: string) => string = (path) => readFileSync(path, 'utf8')
): PullRequest | undefined {
  const path = env.GITHUB_EVENT_PATH
  if (!path) return undefined

  let payload: EventPayload
  try {
    payload = JSON.parse(read(path)) as EventPayload
  } catch {
    return undefined
  }
  const pull = payload.pull_request
  if (!pull || typeof pull.number !== 'number') return undefined

  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/')
  const repository = payload.repository ?? pull.base?.repo
  const ownerName = owner || stringOf(repository?.owner?.login)
  const repoName = repo || stringOf(repository?.name)
  const baseSha = stringOf(pull.base?.sha)
  if (!ownerName || !repoName || !baseSha) return undefined

  return {
    owner: ownerName,
    repo: repoName,
    number: pull.number,
    baseSha,
    baseRef: stringOf(pull.base?.ref)
  }
}

function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : ''
}
