import type { Command } from './context.js'
import { synth } from './synth.js'
import { deploy } from './deploy.js'
import { status } from './status.js'
import { hibernate } from './hibernate.js'
import { resume } from './resume.js'
import { pushConfig } from './push-config.js'
import { pushDictionary } from './push-dictionary.js'
import { validateDictionary } from './validate-dictionary.js'
import { destroy } from './destroy.js'
import type { CommandName } from './names.js'

/** The implementation behind each command name. */
export const commands: Record<CommandName, Command> = {
  synth: synth,
  deploy: deploy,
  status: status,
  hibernate: hibernate,
  resume: resume,
  'push-config': pushConfig,
  'push-dictionary': pushDictionary,
  'validate-dictionary': validateDictionary,
  destroy: destroy
}
