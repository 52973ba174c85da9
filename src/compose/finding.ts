/** How much a finding matters: errors stop the push, the rest inform. */
export type Severity = 'error' | 'warning' | 'notice'

/** One thing a check found, at a file and line of the centre's repository. */
export interface Finding {
  severity: Severity
  file: string
  line?: number
  column?: number
  message: string
}

function where(finding: Finding): string {
  return finding.line === undefined
    ? finding.file
    : `${finding.file}:${finding.line}`
}

/** The configuration has errors: nothing was stored, pushed or restarted. */
export class ConfigurationError extends Error {
  constructor(
    readonly directory: string,
    readonly findings: readonly Finding[]
  ) {
    const errors = findings.filter((finding) => finding.severity === 'error')
    super(
      `The configuration in ${directory} has ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was sent to the instance. Fix ${errors.length === 1 ? 'it' : 'them'} and run again:\n` +
        errors
          .map((finding) => `  ${where(finding)}: ${finding.message}`)
          .join('\n')
    )
    this.name = 'ConfigurationError'
  }
}
