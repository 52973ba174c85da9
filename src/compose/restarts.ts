import type { ConfigFileName } from './layout.js'

/** What must happen on the instance for changed files to take effect. */
export interface RestartPlan {
  /** Services to restart, in compose-services' names. */
  services: string[]
  /** Run fence's user sync, which loads user.yaml into arborist. */
  syncUsers: boolean
  /** Bring the whole stack up again, re-creating what the override changed. */
  recreate: boolean
}

/**
 * The services that read each file. A file replaced by a rename reaches a
 * container only when the container starts again: compose mounts the file
 * itself, not its folder (docker-compose.yml's volumes).
 */
const readers: Record<ConfigFileName, readonly string[]> = {
  // fence syncs user.yaml when it starts; tube mounts it for its ETL too.
  'user.yaml': ['fence-service', 'tube-service'],
  'fence-config.yaml': ['fence-service'],
  'gitops.json': ['portal-service'],
  'etlMapping.yaml': ['tube-service'],
  'docker-compose.override.yml': []
}

/**
 * What to restart after these files changed; a changed OAuth client
 * changes fence's rendered settings, so it restarts fence too.
 */
export function restartsFor(
  changed: readonly ConfigFileName[],
  oauthClientChanged: boolean
): RestartPlan {
  const services = new Set<string>(changed.flatMap((name) => readers[name]))
  if (oauthClientChanged) services.add('fence-service')
  return {
    services: [...services].sort(),
    syncUsers: changed.includes('user.yaml'),
    recreate: changed.includes('docker-compose.override.yml')
  }
}

/** The plan in a sentence, for the log and the job summary. */
export function describePlan(plan: RestartPlan): string {
  const steps = [
    ...(plan.recreate
      ? ['bring the stack up again (docker compose up -d)']
      : []),
    ...(plan.services.length > 0
      ? [`restart ${plan.services.join(', ')}`]
      : []),
    ...(plan.syncUsers
      ? ["sync user.yaml into arborist (fence's usersync)"]
      : [])
  ]
  return steps.length === 0 ? 'nothing to restart' : steps.join(', then ')
}
