import { describe, expect, it } from '@jest/globals'

import { actionSteps, readWorkflow } from './workflow.js'

const ci = readWorkflow('.github/workflows/ci.yml')
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
