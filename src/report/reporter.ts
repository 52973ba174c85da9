/**
 * Where a finding lives in the centre's repository, so that the runner can
 * show it on the right line of a pull request's diff.
 */
export interface Place {
  file: string
  line?: number
  column?: number
  title?: string
}

/**
 * Everything a command tells its user goes through a Reporter: the GitHub
 * runner gets workflow commands, a terminal gets plain lines. Commands never
 * write to the console themselves.
 */
export interface Reporter {
  debug(message: string): void
  info(message: string): void
  notice(message: string, place?: Place): void
  warning(message: string, place?: Place): void
  error(message: string, place?: Place): void
  group<T>(title: string, step: () => Promise<T>): Promise<T>
  setOutput(name: string, value: string): void
  setSecret(value: string): void
  /** Appends Markdown to the job summary. */
  summary(markdown: string): Promise<void>
}
