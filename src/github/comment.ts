import { getOctokit } from '@actions/github'

export interface IssueComment {
  id: number
  body?: string | null
  html_url: string
}

// A type literal, not an interface: Octokit's parameters need an index signature
type Repository = { owner: string; repo: string }

/** The part of Octokit's issues API a sticky comment needs. */
export interface CommentsApi {
  listComments(
    parameters: Repository & {
      issue_number: number
      per_page: number
      page: number
    }
  ): Promise<{ data: IssueComment[] }>
  createComment(
    parameters: Repository & { issue_number: number; body: string }
  ): Promise<{ data: IssueComment }>
  updateComment(
    parameters: Repository & { comment_id: number; body: string }
  ): Promise<{ data: IssueComment }>
}

export function commentsApiOf(token: string): CommentsApi {
  return getOctokit(token).rest.issues
}

/**
 * The token may not write to the pull request: pull requests from forks get
 * a read-only GITHUB_TOKEN, and a workflow may not grant
 * `pull-requests: write`.
 */
export class CommentForbiddenError extends Error {
  constructor(
    readonly number: number,
    reason: string
  ) {
    super(
      `The review could not be posted on pull request #${number}: ${reason}. ` +
        'Pull requests from forks get a read-only token; otherwise give the job `permissions: pull-requests: write`.'
    )
    this.name = 'CommentForbiddenError'
  }
}

export interface StickyComment extends Repository {
  number: number
  /** A hidden line that marks the comment as ours, such as an HTML comment. */
  marker: string
  body: string
}

export interface Posted {
  action: 'created' | 'updated'
  url: string
}

const pageSize = 100
const maxPages = 50

/**
 * Keeps one comment per pull request: the first comment whose body starts
 * with the marker is updated in place, otherwise a new one is created.
 */
export async function upsertComment(
  api: CommentsApi,
  comment: StickyComment
): Promise<Posted> {
  const { owner, repo, number, marker } = comment
  const body = `${marker}\n${comment.body}`

  try {
    const existing = await findMarked(api, { owner, repo }, number, marker)
    if (existing) {
      const { data } = await api.updateComment({
        owner,
        repo,
        comment_id: existing.id,
        body
      })
      return { action: 'updated', url: data.html_url }
    }
    const { data } = await api.createComment({
      owner,
      repo,
      issue_number: number,
      body
    })
    return { action: 'created', url: data.html_url }
  } catch (error) {
    if (statusOf(error) === 403) {
      throw new CommentForbiddenError(number, messageOf(error))
    }
    throw error
  }
}

async function findMarked(
  api: CommentsApi,
  repository: Repository,
  number: number,
  marker: string
): Promise<IssueComment | undefined> {
  for (let page = 1; page <= maxPages; page++) {
    const { data } = await api.listComments({
      ...repository,
      issue_number: number,
      per_page: pageSize,
      page
    })
    const found = data.find((comment) => comment.body?.startsWith(marker))
    if (found) return found
    if (data.length < pageSize) return undefined
  }
  return undefined
}

function statusOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'status' in error
    ? error.status
    : undefined
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
