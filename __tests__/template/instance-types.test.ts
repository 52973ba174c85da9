import { describe, expect, it } from '@jest/globals'

import {
  checkInstanceType,
  hibernationFamilyNames,
  sizeFactor
} from '../../src/template/instance-types.js'

const m5Sizes =
  'm5.large (8 GiB), m5.xlarge (16 GiB), m5.2xlarge (32 GiB), m5.4xlarge (64 GiB), m5.8xlarge (128 GiB)'

function problemOf(name: string) {
  const result = checkInstanceType(name)
  if ('problem' in result) return result.problem
  throw new Error(`expected ${name} to be refused`)
}

describe('the instance types that can hibernate', () => {
  it('knows the memory and architecture of the reference m5.2xlarge', () => {
    expect(checkInstanceType('m5.2xlarge')).toEqual({
      instanceType: {
        name: 'm5.2xlarge',
        family: 'm5',
        size: '2xlarge',
        memoryGiB: 32,
        architecture: 'x86_64'
      }
    })
  })

  it('knows Graviton types run arm64', () => {
    expect(checkInstanceType('t4g.xlarge')).toMatchObject({
      instanceType: { memoryGiB: 16, architecture: 'arm64' }
    })
  })

  it('follows the sizes that break a family ladder', () => {
    expect(checkInstanceType('r3.large')).toMatchObject({
      instanceType: { memoryGiB: 15 }
    })
    expect(checkInstanceType('r3.xlarge')).toMatchObject({
      instanceType: { memoryGiB: 30.5 }
    })
    expect(checkInstanceType('c5.18xlarge')).toMatchObject({
      instanceType: { memoryGiB: 144 }
    })
    expect(checkInstanceType('t3.nano')).toMatchObject({
      instanceType: { memoryGiB: 0.5 }
    })
  })

  it('scales memory with the size name', () => {
    expect(
      ['nano', 'medium', 'large', 'xlarge', '12xlarge', 'metal'].map(sizeFactor)
    ).toEqual([1 / 16, 1 / 2, 1, 2, 24, undefined])
  })

  it('holds the families of the AWS hibernation prerequisites page', () => {
    const families = hibernationFamilyNames()
    for (const family of [
      'c3',
      'c4',
      'c5',
      'c5d',
      'c6i',
      'c6id',
      'i3',
      'i3en',
      'm3',
      'm4',
      'm5',
      'm5a',
      'm5ad',
      'm5d',
      'm6i',
      'm6id',
      'm7i',
      'm7i-flex',
      'r3',
      'r4',
      'r5',
      'r5a',
      'r5ad',
      'r5d',
      't2',
      't3',
      't3a'
    ]) {
      expect(families).toContain(family)
    }
  })
})

describe('refusing an instance type that cannot hibernate', () => {
  it('refuses a family without hibernation, listing the families that have it', () => {
    const problem = problemOf('g5.2xlarge')

    expect(problem.input).toBe('instance-type')
    expect(problem.value).toBe('g5.2xlarge')
    expect(problem.expected).toMatch(
      /^a type whose family supports hibernation \(g5 does not\), such as m5\.2xlarge; the families that do: c3, c4, c5, /
    )
    expect(problem.expected).toContain(', m5, m5a, ')
  })

  it('refuses bare metal, listing the sizes of the family that can hibernate', () => {
    expect(problemOf('m5.metal')).toEqual({
      input: 'instance-type',
      value: 'm5.metal',
      expected: `a size that is not bare metal, which cannot hibernate; m5 sizes that can: ${m5Sizes}`
    })
  })

  it('refuses 150 GiB of memory or more, saying how much the type has', () => {
    expect(problemOf('m5.12xlarge')).toEqual({
      input: 'instance-type',
      value: 'm5.12xlarge',
      expected: `less than 150 GiB of memory to hibernate (m5.12xlarge has 192 GiB); m5 sizes that can: ${m5Sizes}`
    })
  })

  it('refuses the large sizes EC2 reports as hibernating when they pass 150 GiB', () => {
    expect(problemOf('m7i-flex.12xlarge').expected).toMatch(
      /^less than 150 GiB of memory to hibernate \(m7i-flex\.12xlarge has 192 GiB\)/
    )
  })

  it('refuses a size the family does not have', () => {
    expect(problemOf('m5.3xlarge')).toEqual({
      input: 'instance-type',
      value: 'm5.3xlarge',
      expected: `a size of m5 that can hibernate: ${m5Sizes}`
    })
  })

  it('refuses a size EC2 does not hibernate though it is small enough', () => {
    expect(problemOf('c6a.12xlarge').expected).toMatch(
      /^a size of c6a that can hibernate: c6a\.large \(4 GiB\), /
    )
  })
})
