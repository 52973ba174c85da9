import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'

import type { Payload } from './payload.js'
import { quote } from './quote.js'
import { commandTextLimitBytes } from './script.js'

/** Where chunks wait on the instance until their file is whole. */
export const stagingDirectory = '/var/lib/gen3-poc/staging'

/** Base64 characters in one chunk: one chunk per command at most. */
export const chunkCharacters = 40_000

/** Room kept in each command for the wrapper that runs it. */
const wrapperBytes = 2_000

/** How the instance says which check failed. */
export const exitCodes = { corruptChunk: 65, corruptFile: 66 } as const

export interface Piece {
  /** `<file>.<chunk>`, which sorts in order on the instance. */
  name: string
  text: string
  sha256: string
  /** For messages: which file and which chunk of how many. */
  label: string
}

export interface PreparedFile {
  index: number
  path: string
  mode: string
  sha256: string
  bytes: number
  compressedBytes: number
  pieces: Piece[]
}

export interface Transfer {
  /** Names the staging folder; the same files make the same id. */
  id: string
  files: PreparedFile[]
  /** One bash script per SendCommand, in order; the last installs. */
  scripts: string[]
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

/**
 * SendCommand calls needed for one file whose gzip output has this many
 * bytes: base64 makes 4 characters of every 3 bytes, a chunk fills a
 * command, and the install step rides along with the last chunk.
 */
export function sendCommandCalls(compressedBytes: number): number {
  const encoded = 4 * Math.ceil(compressedBytes / 3)
  return Math.max(1, Math.ceil(encoded / chunkCharacters))
}

/** Compresses, encodes and cuts one file into checked chunks. */
export function prepareFile(file: Payload, index: number): PreparedFile {
  const mode = file.mode ?? '0644'
  if (!/^0?[0-7]{3}$/.test(mode)) {
    throw new Error(`'${mode}' is not a file mode such as 0644 (${file.path})`)
  }
  if (!file.path.startsWith('/') || file.path.includes('\n')) {
    throw new Error(`'${file.path}' is not an absolute path on the instance`)
  }

  const compressed = gzipSync(file.content, { level: 9 })
  const encoded = compressed.toString('base64')
  const count = Math.max(1, Math.ceil(encoded.length / chunkCharacters))
  const pieces: Piece[] = []
  for (let chunk = 0; chunk < count; chunk++) {
    const text = encoded.slice(
      chunk * chunkCharacters,
      (chunk + 1) * chunkCharacters
    )
    pieces.push({
      name: `${index}.${String(chunk).padStart(4, '0')}`,
      text,
      sha256: sha256(text),
      label: `chunk ${chunk + 1} of ${count} of ${file.path}`
    })
  }

  return {
    index,
    path: file.path,
    mode,
    sha256: sha256(file.content),
    bytes: file.content.length,
    compressedBytes: compressed.length,
    pieces
  }
}

function prelude(id: string, first: boolean): string {
  return [
    'set -euo pipefail',
    'export LC_ALL=C',
    `stage="\${GEN3_POC_STAGING_DIR:-${stagingDirectory}}/${id}"`,
    ...(first ? ['rm -rf "$stage"'] : []),
    'mkdir -p "$stage"',
    'put() {',
    `  printf '%s' "$3" > "$stage/$1"`,
    `  actual=$(sha256sum "$stage/$1" | cut -d' ' -f1)`,
    '  if [ "$actual" != "$2" ]; then',
    `    echo "gen3-poc: $4 arrived corrupted: its SHA-256 is $actual, not $2" >&2`,
    `    exit ${exitCodes.corruptChunk}`,
    '  fi',
    '}',
    ''
  ].join('\n')
}

function put(piece: Piece): string {
  return `put ${piece.name} ${piece.sha256} '${piece.text}' ${quote(piece.label)}\n`
}

/**
 * Every file is assembled and verified beside its target first; only then
 * is each renamed into place, its former version kept as `<path>.previous`.
 */
function install(files: PreparedFile[]): string {
  const lines = [
    'assemble() {',
    '  new="$2.gen3-poc-new"',
    `  found=$(find "$stage" -maxdepth 1 -name "$1.*" | wc -l)`,
    '  if [ "$found" -ne "$5" ]; then',
    `    echo "gen3-poc: $2 has $found of its $5 chunks on the instance" >&2`,
    `    exit ${exitCodes.corruptChunk}`,
    '  fi',
    '  mkdir -p "$(dirname "$2")"',
    '  cat "$stage/$1".* | base64 -d | gzip -dc > "$new"',
    `  actual=$(sha256sum "$new" | cut -d' ' -f1)`,
    '  if [ "$actual" != "$3" ]; then',
    '    rm -f "$new"',
    `    echo "gen3-poc: $2 was assembled with SHA-256 $actual, not $3" >&2`,
    `    exit ${exitCodes.corruptFile}`,
    '  fi',
    '  chmod "$4" "$new"',
    '}',
    'install_file() {',
    '  new="$1.gen3-poc-new"',
    '  if [ -e "$1" ] && cmp -s "$1" "$new"; then',
    '    chmod --reference="$new" "$1"',
    '    rm -f "$new"',
    '    echo "unchanged $2 $1"',
    '    return',
    '  fi',
    '  if [ -e "$1" ]; then cp -p "$1" "$1.previous"; fi',
    '  mv -f "$new" "$1"',
    '  echo "installed $2 $1"',
    '}',
    ...files.map(
      (file) =>
        `assemble ${file.index} ${quote(file.path)} ${file.sha256} ${file.mode} ${file.pieces.length}`
    ),
    ...files.map((file) => `install_file ${quote(file.path)} ${file.sha256}`),
    'rm -rf "$stage"',
    ''
  ]
  return lines.join('\n')
}

/**
 * Plans the SendCommand calls for a set of files: chunks packed into
 * commands in order, at most one chunk's worth of characters in each, and
 * the install step with the last of them.
 */
export function planTransfer(files: Payload[]): Transfer {
  const prepared = files.map((file, index) => prepareFile(file, index))
  const id = sha256(
    prepared.map((file) => `${file.path}\n${file.sha256}\n`).join('')
  ).slice(0, 16)
  const budget = commandTextLimitBytes - wrapperBytes

  const scripts: string[] = []
  let current = prelude(id, true)
  let carried = 0
  for (const piece of prepared.flatMap((file) => file.pieces)) {
    const line = put(piece)
    const full =
      carried + piece.text.length > chunkCharacters ||
      Buffer.byteLength(current + line) > budget
    if (carried > 0 && full) {
      scripts.push(current)
      current = prelude(id, false)
      carried = 0
    }
    current += line
    carried += Math.max(1, piece.text.length)
  }

  const last = install(prepared)
  if (Buffer.byteLength(current + last) > budget) {
    scripts.push(current)
    current = prelude(id, false)
  }
  scripts.push(current + last)

  return { id, files: prepared, scripts }
}
