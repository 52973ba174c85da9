import type { Declarations } from '../inputs/declarations.js'
import { commandNames } from '../commands/names.js'

/** The terminal's help text, made from action.yml's declarations. */
export function usage(declarations: Declarations): string {
  const lines = [
    'usage: gen3-poc <command> [--input value ...]',
    '',
    `commands: ${commandNames.join(', ')}`,
    '',
    'Every input of the GitHub Action is a flag of the same name:',
    ''
  ]
  for (const input of declarations.inputs) {
    if (input.name === 'command') continue
    const fallback = input.default ? ` (default: ${input.default})` : ''
    lines.push(`  --${input.name}${fallback}`)
    lines.push(`      ${input.description}`)
  }
  lines.push(
    '',
    '  --summary FILE  append the job summary (Markdown) to FILE',
    '  -v, --verbose   show debug lines',
    '  -h, --help      this text',
    ''
  )

  return lines.join('\n')
}
