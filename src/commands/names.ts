/** Every command the action knows, in the order the README lists them. */
export const commandNames = [
  'synth',
  'deploy',
  'status',
  'hibernate',
  'resume',
  'push-config',
  'push-dictionary',
  'validate-dictionary',
  'destroy'
] as const

export type CommandName = (typeof commandNames)[number]
