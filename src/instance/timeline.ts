import type { Reporter } from '../report/reporter.js'
import type { Deadline } from '../wait/clock.js'

/** One step of a command, as the log and the job summary tell it. */
export interface Phase {
  title: string
  outcome: 'done' | 'failed' | 'skipped'
  /** What happened, in one line. */
  detail: string
  seconds: number
}

/** A step reports what it did through `say`, then returns its value. */
export type Step<T> = (say: (detail: string) => void) => Promise<T>

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim()
}

/**
 * The phases of one hibernate or resume: each runs in its own log group and
 * is timed, and the lot becomes the job summary's table.
 */
export class Timeline {
  readonly phases: Phase[] = []

  constructor(
    private readonly reporter: Reporter,
    readonly deadline: Deadline
  ) {}

  async phase<T>(title: string, step: Step<T>): Promise<T> {
    const started = this.deadline.elapsedMilliseconds()
    const seconds = () =>
      Math.round((this.deadline.elapsedMilliseconds() - started) / 1000)
    let detail = 'done'

    try {
      const value = await this.reporter.group(title, async () => {
        const result = await step((said) => (detail = said))
        this.reporter.info(`${title}: ${detail} (${seconds()} s)`)
        return result
      })
      this.phases.push({ title, outcome: 'done', detail, seconds: seconds() })
      return value
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      this.phases.push({
        title,
        outcome: 'failed',
        detail: message,
        seconds: seconds()
      })
      throw error
    }
  }

  /**
   * What hibernate and resume leave as outputs however they ended: the
   * elapsed seconds, the instance's state and id, and the URL.
   */
  finish(
    command: string,
    end: { instanceId: string; state: string; url: string }
  ): void {
    const seconds = String(this.deadline.elapsedSeconds())
    this.reporter.setOutput('elapsed-seconds', seconds)
    this.reporter.setOutput('instance-state', end.state)
    this.reporter.setOutput('instance-id', end.instanceId)
    this.reporter.setOutput('url', end.url)
    this.reporter.info(`${command} ended after ${seconds} s`)
  }

  /** A phase that had nothing to do. */
  skip(title: string, detail: string): void {
    this.phases.push({ title, outcome: 'skipped', detail, seconds: 0 })
  }

  /**
   * The job summary: every planned phase in order, those never reached
   * marked so, and the total.
   */
  markdown(
    heading: string,
    planned: readonly string[],
    facts: string[]
  ): string {
    const byTitle = new Map(this.phases.map((phase) => [phase.title, phase]))
    const titles = [
      ...planned,
      ...this.phases
        .map((phase) => phase.title)
        .filter((title) => !planned.includes(title))
    ]
    const rows = titles.map((title) => {
      const phase = byTitle.get(title)
      if (!phase) return `| ${cell(title)} | not reached | |`
      const result =
        phase.outcome === 'failed'
          ? `**failed**: ${phase.detail}`
          : phase.outcome === 'skipped'
            ? `skipped: ${phase.detail}`
            : phase.detail
      return `| ${cell(title)} | ${cell(result)} | ${phase.seconds} |`
    })

    return [
      `### ${heading}`,
      '',
      '| phase | what happened | seconds |',
      '| --- | --- | ---: |',
      ...rows,
      `| **total** | | **${this.deadline.elapsedSeconds()}** |`,
      '',
      ...facts.map((fact) => `- ${fact}`),
      ''
    ].join('\n')
  }
}
