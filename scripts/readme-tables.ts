import { readFileSync, writeFileSync } from 'node:fs'

import { format } from 'prettier'

import type { Declaration } from '../src/inputs/declarations.js'
import { readDeclarations } from '../src/inputs/declarations.js'

/**
 * The README's inputs and outputs tables are written from action.yml, and a
 * test fails when they differ, so the two can never disagree.
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

/** The README with its two tables rendered from action.yml, formatted. */
export async function renderReadme(
  readme: string,
  actionFile: URL
): Promise<string> {
  const { inputs, outputs } = readDeclarations(actionFile)
  const rendered = between(
    between(readme, 'inputs', table(inputs, true)),
    'outputs',
    table(outputs, false)
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
