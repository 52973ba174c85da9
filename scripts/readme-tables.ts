import { readFileSync, writeFileSync } from 'node:fs'

import { format } from 'prettier'

import type { Declaration } from '../src/inputs/declarations.js'
import { readDeclarations } from '../src/inputs/declarations.js'

/**
 * The README's inputs and outputs tables are written from action.yml, and
 * its IAM policies from policy/*.json; a test fails when they differ, so the
 * README can never disagree with what ships.
 */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim()
}

function table(declarations: Declaration[], withDefault: boolean): string {
  const header = withDefault
    ? '| input | default | description |\n| --- | --- | --- |'
    : '| output | description |\n| --- | --- |'
  const rows = declarations.map((declaration) => {
    const shown = declaration.default === '' ? '' : `\`${declaration.default}\``
    return withDefault
      ? `| \`${declaration.name}\` | ${shown} | ${cell(declaration.description)} |`
      : `| \`${declaration.name}\` | ${cell(declaration.description)} |`
  })
  return [header, ...rows].join('\n')
}

function between(text: string, marker: string, content: string): string {
  const start = `<!-- ${marker}:start -->`
  const end = `<!-- ${marker}:end -->`
  const from = text.indexOf(start)
  const to = text.indexOf(end)
  if (from < 0 || to < from) {
    throw new Error(`README.md has no ${start} … ${end} section`)
  }
  return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`
}

// A policy shown in the README: its summary links the file, a JSON block follows.
const policyBlock =
  /(<summary><code>[a-z-]+<\/code>: <a href="(policy\/[a-z-]+\.json)">.*<\/summary>\n\n```json\n)[\s\S]*?(\n```)/g

function policies(text: string, root: URL): string {
  return text.replace(
    policyBlock,
    (_block, head: string, file: string, tail: string) =>
      `${head}${readFileSync(new URL(file, root), 'utf8').trimEnd()}${tail}`
  )
}

/**
 * The README with its two tables rendered from action.yml and its policies
 * copied from the files next to it, formatted.
 */
export async function renderReadme(
  readme: string,
  actionFile: URL
): Promise<string> {
  const { inputs, outputs } = readDeclarations(actionFile)
  const rendered = policies(
    between(
      between(readme, 'inputs', table(inputs, true)),
      'outputs',
      table(outputs, false)
    ),
    new URL('.', actionFile)
  )
  return format(rendered, { parser: 'markdown', proseWrap: 'preserve' })
}

if (process.argv[1]?.endsWith('readme-tables.ts')) {
  const readmeFile = new URL('../README.md', import.meta.url)
  const actionFile = new URL('../action.yml', import.meta.url)
  writeFileSync(
    readmeFile,
    await renderReadme(readFileSync(readmeFile, 'utf8'), actionFile)
  )
}
