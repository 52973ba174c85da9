import { readFileSync } from 'node:fs'

import { parse } from 'yaml'

/** An input or output as action.yml declares it. */
export interface Declaration {
  name: string
  description: string
  default: string
}

export interface Declarations {
  inputs: Declaration[]
  outputs: Declaration[]
}

interface ActionFile {
  inputs?: Record<string, { description?: string; default?: unknown }>
  outputs?: Record<string, { description?: string }>
}

/** action.yml defaults are strings, numbers or booleans. */
function scalar(value: unknown): string {
  return typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
    ? String(value)
    : ''
}

/**
 * Reads the inputs and outputs from action.yml, the one place they are
 * declared: the terminal's flags, the defaults and the README's table all
 * come from it.
 */
export function readDeclarations(actionFile: URL | string): Declarations {
  const action = parse(readFileSync(actionFile, 'utf8')) as ActionFile

  return {
    inputs: Object.entries(action.inputs ?? {}).map(([name, input]) => ({
      name,
      description: (input.description ?? '').trim(),
      default: scalar(input.default)
    })),
    outputs: Object.entries(action.outputs ?? {}).map(([name, output]) => ({
      name,
      description: (output.description ?? '').trim(),
      default: ''
    }))
  }
}
