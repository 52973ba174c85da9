import type { CommentsApi, Posted } from '../../github/comment.js'
import {
  CommentForbiddenError,
  commentsApiOf,
  upsertComment
} from '../../github/comment.js'
import type { PullRequest } from '../../github/pull-request.js'
import type { Reporter } from '../../report/reporter.js'
import type { Review } from './changes.js'
import { renderReview } from './render.js'

/** Marks the one review comment a pull request gets, so later runs update it. */
export const reviewMarker = '<!-- gen3-poc:dictionary-review -->'

/** GitHub refuses comments longer than 65,536 characters. */
const commentLength = 60_000

/** The job summary takes up to 1 MiB per step. */
const summaryLength = 900_000

export interface PostOptions {
  reporter: Reporter
  /** Undefined outside a pull request: the review goes to the job summary only. */
  pullRequest: PullRequest | undefined
  githubToken: string
  env: NodeJS.ProcessEnv
  /** What was compared, completing "Compared …". */
  compared?: string
  /** Made from the token when not given. */
  comments?: CommentsApi
}

/**
 * Writes the review to the job summary and, on a pull request, to its one
 * review comment (created the first time, updated in place after). A token
 * that may not comment gives a warning, not a failure.
 */
export async function postReview(
  review: Review,
  options: PostOptions
): Promise<Posted | undefined> {
  const { reporter, pullRequest } = options
  const compared = options.compared ? { compared: options.compared } : {}

  await reporter.summary(
    renderReview(review, { ...compared, maxLength: summaryLength })
  )

  if (!pullRequest) {
    reporter.notice(
      'Not a pull request: the dictionary review is in the job summary only.'
    )
    return undefined
  }
  if (!options.githubToken) {
    reporter.warning(
      `No github-token: the dictionary review was not posted on pull request #${pullRequest.number}; it is in the job summary.`
    )
    return undefined
  }

  const body = renderReview(review, {
    ...compared,
    maxLength: commentLength,
    whereInFull: `the whole review is in the [job summary](${runUrl(options.env)})`
  })
  try {
    const posted = await upsertComment(
      options.comments ?? commentsApiOf(options.githubToken),
      { ...pullRequest, marker: reviewMarker, body }
    )
    reporter.info(
      `${posted.action === 'created' ? 'Posted' : 'Updated'} the dictionary review on pull request #${pullRequest.number}: ${posted.url}`
    )
    return posted
  } catch (error) {
    if (error instanceof CommentForbiddenError) {
      reporter.warning(`${error.message} The review is in the job summary.`)
      return undefined
    }
    throw error
  }
}

function runUrl(env: NodeJS.ProcessEnv): string {
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com'
  const repository = env.GITHUB_REPOSITORY ?? ''
  const run = env.GITHUB_RUN_ID ?? ''
  return repository && run
    ? `${server}/${repository}/actions/runs/${run}`
    : `${server}/${repository}`
}
