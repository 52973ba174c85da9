import { readFileSync } from 'node:fs'

import { describe, expect, it } from '@jest/globals'

import { estimateCost } from '../../src/cost/estimate.js'
import { synthesise } from '../../src/template/synthesise.js'
import { existingVpc, inputsFor } from '../template/variants.js'

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  .split('\n')
  .map((line) => line.replace(/\s+/g, ' ').trim())

describe("the README's cost table", () => {
  const template = synthesise(inputsFor()).template
  const [usEast1, sydney] = ['us-east-1', 'ap-southeast-2'].map((region) =>
    estimateCost(template, region)
  )

  it('shows every line of the estimate for us-east-1 and ap-southeast-2', () => {
    for (const [index, line] of (usEast1?.lines ?? []).entries()) {
      const other = sydney?.lines[index]
      const row = `| ${line.item} | ${line.running.toFixed(2)} | ${line.hibernated.toFixed(2)} | ${other?.running.toFixed(2)} | ${other?.hibernated.toFixed(2)} |`
      expect(readme).toContain(row)
    }
    expect(readme).toContain(
      `| **Total, USD a month** | **${usEast1?.running.toFixed(2)}** | **${usEast1?.hibernated.toFixed(2)}** | **${sydney?.running.toFixed(2)}** | **${sydney?.hibernated.toFixed(2)}** |`
    )
  })

  it("gives the hibernated cost in the centre's own VPC", () => {
    const own = synthesise(inputsFor(existingVpc)).template
    const hibernated = ['us-east-1', 'ap-southeast-2'].map((region) =>
      estimateCost(own, region).hibernated.toFixed(2)
    )
    expect(readme.join(' ')).toContain(
      `${hibernated[0]} (us-east-1) and ${hibernated[1]} (ap-southeast-2) a month hibernated`
    )
  })
})
