import { createHash } from 'node:crypto'

import { quote } from './quote.js'

/** Where every script run over SSM leaves its whole output on the instance. */
export const logDirectory = '/var/log/gen3-poc'

/**
 * GetCommandInvocation keeps only the first 24,000 characters of stdout and
 * the first 8,000 of stderr (AWS docs: GetCommandInvocation, SSM API
 * Reference), and the agent ends a cut stream with these markers
 * (github.com/aws/amazon-ssm-agent agent/contracts).
 */
export const ssmLimits = {
  stdout: 24_000,
  stderr: 8_000,
  stdoutMarker: '---Output truncated---',
  stderrMarker: '---Error truncated----'
} as const

/**
 * SendCommand takes a document and its parameters up to 64 KB in all (AWS
 * docs: CreateDocument, "Content"); a wrapped script stays well under it,
 * leaving room for AWS-RunShellScript's own document.
 */
export const commandTextLimitBytes = 48_000

/**
 * What the wrapper prints of each stream at most: the end of it, which is
 * where a failure explains itself, with room under SSM's limits.
 */
export const keptCharacters = { stdout: 20_000, stderr: 7_000 } as const

/** The files one run's output goes to, named after its log name. */
export function logFiles(logName: string) {
  const base = `${logDirectory}/${logName}`
  return {
    stdout: `${base}.out`,
    stderr: `${base}.err`,
    history: `${base}.log`
  }
}

/** A log name keeps to letters, digits and hyphens: it names files. */
export function isLogName(name: string): boolean {
  return /^[a-z0-9][a-z0-9-]{0,62}$/.test(name)
}

/**
 * Wraps a bash script for AWS-RunShellScript, which runs its text with sh:
 * the script is written to a file and run by bash, its whole stdout and
 * stderr are kept under the log directory, and only their ends are printed
 * for SSM to collect, after a line saying how much came before.
 *
 * GEN3_POC_LOG_DIR is never set on the instance; it lets the tests run the
 * wrapped text on a workstation.
 */
export function wrapScript(
  script: string,
  logName: string,
  comment: string
): string {
  const delimiter = `GEN3_POC_SCRIPT_${createHash('sha256').update(script).digest('hex').slice(0, 12)}`
  const body = script.endsWith('\n') ? script : `${script}\n`

  return [
    `dir="\${GEN3_POC_LOG_DIR:-${logDirectory}}"`,
    'mkdir -p "$dir"',
    `log="$dir/${logName}"`,
    'script=$(mktemp "${TMPDIR:-/tmp}/gen3-poc.XXXXXX")',
    `trap 'rm -f "$script"' EXIT`,
    `cat > "$script" <<'${delimiter}'`,
    body + delimiter,
    'status=0',
    'bash "$script" > "$log.out" 2> "$log.err" || status=$?',
    `{ printf '== %s %s (exit %s)\\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" ${quote(comment)} "$status"`,
    `  cat "$log.out" "$log.err"; } >> "$log.log"`,
    'keep() {',
    '  size=$(wc -c < "$1")',
    '  if [ "$size" -gt "$2" ]; then',
    `    printf '[gen3-poc: %s earlier bytes of %s are only in %s]\\n' "$((size - $2))" "$3" "$1"`,
    '    tail -c "$2" "$1"',
    '  else',
    '    cat "$1"',
    '  fi',
    '}',
    `keep "$log.out" ${keptCharacters.stdout} stdout`,
    `keep "$log.err" ${keptCharacters.stderr} stderr >&2`,
    'exit "$status"',
    ''
  ].join('\n')
}

/** What the output says about text that did not reach the log. */
export interface OutputCut {
  stream: 'stdout' | 'stderr'
  /** Who cut it: the wrapper, keeping the end, or SSM, keeping the start. */
  by: 'wrapper' | 'ssm'
  /** The file on the instance that holds the whole stream. */
  file: string
  bytes?: number
}

const wrapperMarker =
  /^\[gen3-poc: (\d+) earlier bytes of (stdout|stderr) are only in (\S+)\]$/gm

/** Finds where the wrapper or SSM cut a command's output. */
export function findCuts(
  stdout: string,
  stderr: string,
  logName: string
): OutputCut[] {
  const cuts: OutputCut[] = []
  for (const text of [stdout, stderr]) {
    for (const match of text.matchAll(wrapperMarker)) {
      cuts.push({
        stream: match[2] as 'stdout' | 'stderr',
        by: 'wrapper',
        file: match[3] ?? '',
        bytes: Number(match[1])
      })
    }
  }

  const files = logFiles(logName)
  if (
    stdout.length >= ssmLimits.stdout ||
    stdout.endsWith(ssmLimits.stdoutMarker)
  ) {
    cuts.push({ stream: 'stdout', by: 'ssm', file: files.stdout })
  }
  if (
    stderr.length >= ssmLimits.stderr ||
    stderr.endsWith(ssmLimits.stderrMarker)
  ) {
    cuts.push({ stream: 'stderr', by: 'ssm', file: files.stderr })
  }
  return cuts
}

/** The last lines of a stream, the wrapper's own note left out. */
export function tailOf(text: string, lines: number): string {
  return text
    .replace(wrapperMarker, '')
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '')
    .slice(-lines)
    .join('\n')
}
