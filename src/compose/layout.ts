/** Where compose-services and this action's files live on the instance. */
export const instanceLayout = {
  /** The clone of uc-cdis/compose-services, as UMCCR's deployment had it. */
  composeDirectory: '/opt/gen3/compose-services',
  /** The scripts from templates/instance. */
  toolDirectory: '/opt/gen3-poc/bin',
  /** The centre's configuration as last pushed, before it is installed. */
  configDirectory: '/opt/gen3-poc/config',
  /** Upstream's fence settings as creds_setup.sh made them, and flags. */
  stateDirectory: '/opt/gen3-poc/state'
} as const

/** The systemd unit that brings the stack up at boot. */
export const composeUnit = 'gen3-compose.service'

/** config-dir's default in action.yml; synth passes over it when it is absent. */
export const defaultConfigDir = 'gen3/config'

/** The files a centre's configuration folder may hold. */
export const configFileNames = [
  'user.yaml',
  'fence-config.yaml',
  'docker-compose.override.yml',
  'gitops.json',
  'etlMapping.yaml'
] as const

export type ConfigFileName = (typeof configFileNames)[number]

/** Where each pushed configuration file lands before it is installed. */
export function stagedPath(name: ConfigFileName): string {
  return `${instanceLayout.configDirectory}/${name}`
}
