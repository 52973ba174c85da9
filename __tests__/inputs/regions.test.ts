import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

import { describe, expect, it } from '@jest/globals'

import { regions } from '../../src/inputs/regions.js'

/**
 * The regions the installed AWS SDK knows, from the partition data it
 * resolves endpoints with, for the partitions the stack can go to.
 */
function sdkRegions(): string[] {
  const require = createRequire(import.meta.url)
  const core = path.dirname(require.resolve('@aws-sdk/core/package.json'))
  const file = path.join(
    core,
    'dist-es/submodules/client/util-endpoints/lib/aws/partitions.js'
  )
  const text = readFileSync(file, 'utf8')
    .replace(/^export const partitionsInfo = /, '')
    .replace(/;\s*$/, '')
  const data = JSON.parse(text) as {
    partitions: { id: string; regions: Record<string, unknown> }[]
  }
  return data.partitions
    .filter((partition) =>
      ['aws', 'aws-cn', 'aws-us-gov'].includes(partition.id)
    )
    .flatMap((partition) => Object.keys(partition.regions))
    .filter((region) => !region.endsWith('-global'))
    .sort()
}

describe('the table of AWS regions', () => {
  it('holds the commercial, China and GovCloud regions of the installed AWS SDK', () => {
    expect([...regions].sort()).toEqual(sdkRegions())
  })

  it('is in alphabetical order, for the error that lists it', () => {
    expect(regions).toEqual([...regions].sort())
  })
})
