import { writeFileSync } from 'node:fs'

import { readDeclarations } from '../src/inputs/declarations.js'
import { readInputs } from '../src/inputs/read.js'
import type { Reporter } from '../src/report/reporter.js'
import { synthesise } from '../src/template/synthesise.js'

/** Reading the defaults masks no secret and reports nothing. */
const quiet: Reporter = {
  debug: () => undefined,
  info: () => undefined,
  notice: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  group: (_title, step) => step(),
  setOutput: () => undefined,
  setSecret: () => undefined,
  summary: () => Promise.resolve()
}

/**
 * The template for a centre that deploys from the CloudFormation console:
 * action.yml's defaults (a new VPC, a new certificate, m5.2xlarge), with the
 * domain, hosted zone and AMI left as parameters to fill in. A test keeps
 * templates/gen3-poc.template.json identical to it.
 */
export function renderDefaultTemplate(actionFile: URL): string {
  const { inputs } = readDeclarations(actionFile)
  return `${synthesise(readInputs(() => undefined, inputs, quiet)).body}\n`
}

if (process.argv[1]?.endsWith('render-template.ts')) {
  writeFileSync(
    new URL('../templates/gen3-poc.template.json', import.meta.url),
    renderDefaultTemplate(new URL('../action.yml', import.meta.url))
  )
}
