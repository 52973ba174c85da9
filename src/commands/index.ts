import { NotAvailableError } from '../errors.js'
import type { Command } from './context.js'
import type { CommandName } from './names.js'

function notAvailable(name: CommandName): Command {
  return () => Promise.reject(new NotAvailableError(name))
}

/** The implementation behind each command name. */
export const commands: Record<CommandName, Command> = {
  synth: notAvailable('synth'),
  deploy: notAvailable('deploy'),
  status: notAvailable('status'),
  hibernate: notAvailable('hibernate'),
  resume: notAvailable('resume'),
  'push-config': notAvailable('push-config'),
  'push-dictionary': notAvailable('push-dictionary'),
  'validate-dictionary': notAvailable('validate-dictionary'),
  destroy: notAvailable('destroy')
}
