import * as core from '@actions/core'

import type { Place, Reporter } from './reporter.js'

function annotation(place?: Place): core.AnnotationProperties {
  if (!place) return {}
  return {
    file: place.file,
    ...(place.line === undefined ? {} : { startLine: place.line }),
    ...(place.column === undefined ? {} : { startColumn: place.column }),
    ...(place.title === undefined ? {} : { title: place.title })
  }
}

// The runner's log folds one level of groups: a group opened inside another
// would close the outer one, so an inner group becomes a heading inside it.
let openGroups = 0

async function group<T>(title: string, step: () => Promise<T>): Promise<T> {
  if (openGroups > 0) {
    core.info(`── ${title}`)
    return step()
  }
  openGroups += 1
  try {
    return await core.group(title, step)
  } finally {
    openGroups -= 1
  }
}

/** Reports through the runner: annotations, groups, outputs, job summary. */
export const githubReporter: Reporter = {
  debug: (message) => {
    core.debug(message)
  },
  info: (message) => {
    core.info(message)
  },
  notice: (message, place) => {
    core.notice(message, annotation(place))
  },
  warning: (message, place) => {
    core.warning(message, annotation(place))
  },
  error: (message, place) => {
    core.error(message, annotation(place))
  },
  group,
  setOutput: (name, value) => {
    core.setOutput(name, value)
  },
  setSecret: (value) => {
    core.setSecret(value)
  },
  summary: async (markdown) => {
    if (!process.env.GITHUB_STEP_SUMMARY) {
      core.debug('GITHUB_STEP_SUMMARY is not set: no job summary written')
      return
    }
    await core.summary.addRaw(markdown, true).write()
  }
}
