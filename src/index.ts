import * as core from '@actions/core'

import { readDeclarations } from './inputs/declarations.js'
import { run } from './main.js'
import { githubReporter } from './report/github.js'

const failure = await run({
  get: (name) => core.getInput(name),
  declarations: readDeclarations(new URL('../action.yml', import.meta.url))
    .inputs,
  reporter: githubReporter
})
if (failure !== undefined) core.setFailed(failure)
