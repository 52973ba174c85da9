import { describe, expect, it } from '@jest/globals'

import { describePlan, restartsFor } from '../../src/compose/restarts.js'

describe('what restarts after a push', () => {
  it('restarts fence and syncs users after user.yaml, and tube which mounts it too', () => {
    expect(restartsFor(['user.yaml'], false)).toEqual({
      services: ['fence-service', 'tube-service'],
      syncUsers: true,
      recreate: false
    })
  })

  it('restarts fence alone after its settings or the OAuth client changed', () => {
    const fenceOnly = {
      services: ['fence-service'],
      syncUsers: false,
      recreate: false
    }

    expect(restartsFor(['fence-config.yaml'], false)).toEqual(fenceOnly)
    expect(restartsFor([], true)).toEqual(fenceOnly)
  })

  it('restarts the portal after gitops.json and tube after etlMapping.yaml', () => {
    expect(restartsFor(['gitops.json'], false).services).toEqual([
      'portal-service'
    ])
    expect(restartsFor(['etlMapping.yaml'], false).services).toEqual([
      'tube-service'
    ])
  })

  it('brings the whole stack up again after an override', () => {
    expect(restartsFor(['docker-compose.override.yml'], false)).toEqual({
      services: [],
      syncUsers: false,
      recreate: true
    })
  })

  it('restarts nothing when nothing changed', () => {
    const plan = restartsFor([], false)

    expect(plan).toEqual({ services: [], syncUsers: false, recreate: false })
    expect(describePlan(plan)).toBe('nothing to restart')
  })

  it('says the plan in one sentence', () => {
    expect(
      describePlan(
        restartsFor(['user.yaml', 'docker-compose.override.yml'], false)
      )
    ).toBe(
      "bring the stack up again (docker compose up -d), then restart fence-service, tube-service, then sync user.yaml into arborist (fence's usersync)"
    )
  })
})
