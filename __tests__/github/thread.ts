import type { CommentsApi, IssueComment } from '../../src/github/comment.js'

/** An in-memory pull request thread with the calls made to it. */
export class FakeThread implements CommentsApi {
  readonly calls: string[] = []
  private nextId = 100

  constructor(
    readonly comments: IssueComment[] = [],
    private readonly failWith?: Error
  ) {}

  listComments(parameters: { per_page: number; page: number }) {
    this.calls.push(`list page ${parameters.page}`)
    if (this.failWith) return Promise.reject(this.failWith)
    const start = (parameters.page - 1) * parameters.per_page
    return Promise.resolve({
      data: this.comments.slice(start, start + parameters.per_page)
    })
  }

  createComment(parameters: { issue_number: number; body: string }) {
    this.calls.push(`create on #${parameters.issue_number}`)
    const comment = {
      id: this.nextId++,
      body: parameters.body,
      html_url: `https://github.com/o/r/pull/${parameters.issue_number}#issuecomment-${this.nextId}`
    }
    this.comments.push(comment)
    return Promise.resolve({ data: comment })
  }

  updateComment(parameters: { comment_id: number; body: string }) {
    this.calls.push(`update ${parameters.comment_id}`)
    const comment = this.comments.find((c) => c.id === parameters.comment_id)
    if (!comment) return Promise.reject(new Error('no such comment'))
    comment.body = parameters.body
    return Promise.resolve({ data: comment })
  }
}
