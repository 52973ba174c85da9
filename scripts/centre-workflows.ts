import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/**
 * The example centre's workflows are this repository's own, as a centre
 * copies them: the action named by a release rather than `uses: ./`, and the
 * centre's folders rather than the example's. Generated, so they cannot drift.
 */
export const releaseRef = 'your-org/gen3-poc-action@v1'

/** The workflows a centre copies (ci.yml tests the action itself). */
export const centreWorkflowNames = [
  'poc.yml',
  'hibernate.yml',
  'dictionary.yml'
]

export const projectWorkflows = '.github/workflows'
export const centreWorkflows = 'examples/centre/.github/workflows'

const exampleFolders = 'examples/centre/gen3/'

export function asCentreWorkflow(text: string): string {
  return text
    .replace(/^(\s*(?:- )?uses: )\.\/$/gm, `$1${releaseRef}`)
    .replaceAll(exampleFolders, 'gen3/')
}

export function writeCentreWorkflows(root: string): string[] {
  mkdirSync(path.join(root, centreWorkflows), { recursive: true })
  return centreWorkflowNames.map((name) => {
    const target = path.join(root, centreWorkflows, name)
    const source = readFileSync(path.join(root, projectWorkflows, name), 'utf8')
    writeFileSync(target, asCentreWorkflow(source))
    return path.relative(root, target)
  })
}

if (process.argv[1]?.endsWith('centre-workflows.ts')) {
  const root = path.resolve(import.meta.dirname, '..')
  for (const file of writeCentreWorkflows(root)) {
    process.stdout.write(`wrote ${file}\n`)
  }
}
