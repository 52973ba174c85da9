/** A container as `docker inspect` describes it. */
export interface ContainerState {
  status: string
  /** healthy, unhealthy, starting, or none without a healthcheck. */
  health: string
  restarts: number
}

/** Reads the lines of statesScript: `/name status health restarts`. */
export function parseStates(stdout: string): Map<string, ContainerState> {
  const states = new Map<string, ContainerState>()
  for (const line of stdout.split('\n')) {
    const [name, status, health, restarts] = line.trim().split(/\s+/)
    if (!name || !status || !health) continue
    states.set(name.replace(/^\//, ''), {
      status,
      health,
      restarts: Number(restarts ?? 0) || 0
    })
  }
  return states
}

export type Readiness =
  | { kind: 'ready' }
  | { kind: 'pending'; missing: string }
  | { kind: 'failed'; reason: string }

/**
 * Whether freshly recreated services came up: running and healthy (or
 * running, without a healthcheck). Exited, unhealthy or restarted since
 * they were recreated means they failed.
 */
export function readinessOf(
  states: ReadonlyMap<string, ContainerState>,
  services: readonly string[]
): Readiness {
  const failed: string[] = []
  const pending: string[] = []

  for (const service of services) {
    const state = states.get(service)
    if (!state) {
      failed.push(`${service} does not exist`)
    } else if (state.status === 'exited' || state.status === 'dead') {
      failed.push(`${service} ${state.status}`)
    } else if (state.restarts > 0) {
      failed.push(
        `${service} restarted ${state.restarts} time${state.restarts === 1 ? '' : 's'}`
      )
    } else if (state.health === 'unhealthy') {
      failed.push(`${service} is unhealthy`)
    } else if (
      state.status !== 'running' ||
      (state.health !== 'healthy' && state.health !== 'none')
    ) {
      pending.push(
        `${service} is ${state.status}${state.health === 'none' ? '' : ` (${state.health})`}`
      )
    }
  }

  if (failed.length > 0) return { kind: 'failed', reason: failed.join(', ') }
  if (pending.length > 0)
    return { kind: 'pending', missing: pending.join(', ') }
  return { kind: 'ready' }
}
