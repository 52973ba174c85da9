import { describe, expect, it } from '@jest/globals'

import { billableParts, estimateCost } from '../../src/cost/estimate.js'
import {
  hoursPerMonth,
  priceDate,
  regionPrices
} from '../../src/cost/prices.js'
import { synthesise } from '../../src/template/synthesise.js'
import { existingVpc, inputsFor } from '../template/variants.js'

function templateFor(given: Record<string, string> = {}) {
  return synthesise(inputsFor(given)).template
}

describe('what the stack is billed for', () => {
  it('reads the instance, its volume, the load balancer zones, the NAT gateway and its address from a new VPC', () => {
    expect(billableParts(templateFor())).toEqual({
      instances: [{ instanceType: 'm5.2xlarge', volumeGiB: 92 }],
      loadBalancerZones: [2],
      natGateways: 1,
      natGatewaysRemovedAsleep: 1,
      elasticIps: 1
    })
  })

  it("has no NAT gateway of its own in the centre's VPC", () => {
    expect(billableParts(templateFor(existingVpc))).toEqual({
      instances: [{ instanceType: 'm5.2xlarge', volumeGiB: 92 }],
      loadBalancerZones: [2],
      natGateways: 0,
      natGatewaysRemovedAsleep: 0,
      elasticIps: 0
    })
  })
})

describe('the monthly cost', () => {
  it('prices the default stack in us-east-1 running and hibernated', () => {
    const estimate = estimateCost(templateFor(), 'us-east-1')

    expect(estimate.lines).toEqual([
      {
        item: 'EC2 m5.2xlarge',
        basis: '730 h × $0.384; none while hibernated',
        running: 280.32,
        hibernated: 0
      },
      {
        item: 'EBS gp3 root volume',
        basis: '92 GB-month × $0.08',
        running: 7.36,
        hibernated: 7.36
      },
      {
        item: 'Application Load Balancer',
        basis: '730 h × $0.0225',
        running: 16.43,
        hibernated: 16.43
      },
      {
        item: 'Load balancer capacity',
        basis: '1 LCU × 730 h × $0.008',
        running: 5.84,
        hibernated: 5.84
      },
      {
        item: 'Load balancer public IPv4',
        basis: '2 addresses (one per zone) × 730 h × $0.005',
        running: 7.3,
        hibernated: 7.3
      },
      {
        item: 'NAT gateway',
        basis: '1 × 730 h × $0.045; removed while hibernated',
        running: 32.85,
        hibernated: 0
      },
      {
        item: 'NAT gateway Elastic IP',
        basis: '1 address × 730 h × $0.005',
        running: 3.65,
        hibernated: 3.65
      }
    ])
    expect(estimate).toMatchObject({
      region: 'us-east-1',
      pricedRegion: 'us-east-1',
      priceDate,
      running: 353.75,
      hibernated: 40.58,
      warnings: []
    })
  })

  it('totals exactly what its lines show', () => {
    const estimate = estimateCost(templateFor(), 'ap-southeast-2')
    const sum = (pick: 'running' | 'hibernated') =>
      Math.round(
        estimate.lines.reduce((total, line) => total + line[pick], 0) * 100
      ) / 100

    expect(estimate.running).toBe(sum('running'))
    expect(estimate.hibernated).toBe(sum('hibernated'))
  })

  it('uses Sydney prices in ap-southeast-2', () => {
    const estimate = estimateCost(templateFor(), 'ap-southeast-2')

    expect(estimate.pricedRegion).toBe('ap-southeast-2')
    expect(estimate.lines[0]).toEqual({
      item: 'EC2 m5.2xlarge',
      basis: '730 h × $0.48; none while hibernated',
      running: 350.4,
      hibernated: 0
    })
    expect(estimate.lines.find((line) => line.item === 'NAT gateway')).toEqual({
      item: 'NAT gateway',
      basis: '1 × 730 h × $0.059; removed while hibernated',
      running: 43.07,
      hibernated: 0
    })
    expect(estimate.source).toContain('UNVERIFIED')
  })

  it('costs less without a NAT gateway of its own', () => {
    const estimate = estimateCost(templateFor(existingVpc), 'us-east-1')

    expect(estimate.lines.map((line) => line.item)).toEqual([
      'EC2 m5.2xlarge',
      'EBS gp3 root volume',
      'Application Load Balancer',
      'Load balancer capacity',
      'Load balancer public IPv4'
    ])
    expect(estimate.hibernated).toBe(36.93)
    expect(estimate.excluded).not.toContainEqual(
      expect.stringMatching(/^NAT data processing/)
    )
  })

  it('scales the instance price with its size', () => {
    const estimate = estimateCost(
      templateFor({ 'instance-type': 'c5.9xlarge' }),
      'us-east-1'
    )
    expect(estimate.lines[0]).toMatchObject({
      basis: '730 h × $1.53; none while hibernated',
      running: 1116.9
    })
  })

  it('prices a region it has no figures for as us-east-1, and warns', () => {
    const estimate = estimateCost(templateFor(), 'eu-west-2')

    expect(estimate.pricedRegion).toBe('us-east-1')
    expect(estimate.running).toBe(353.75)
    expect(estimate.warnings).toEqual([
      'The price table has no figures for eu-west-2: the estimate uses us-east-1 prices, which may differ by 10 to 30 percent.'
    ])
  })

  it('leaves out an instance it has no price for, and warns', () => {
    const estimate = estimateCost(
      templateFor({ 'instance-type': 'i4g.xlarge' }),
      'us-east-1'
    )

    expect(estimate.lines[0]).toEqual({
      item: 'EC2 i4g.xlarge',
      basis: 'price unknown',
      running: 0,
      hibernated: 0
    })
    expect(estimate.warnings).toEqual([
      'The price table has no us-east-1 price for i4g.xlarge: its instance hours are left out of the estimate. See https://aws.amazon.com/ec2/pricing/on-demand/.'
    ])
  })

  it('says what it leaves out', () => {
    expect(estimateCost(templateFor(), 'us-east-1').excluded).toEqual([
      'data transfer out to the internet',
      'NAT data processing ($0.045 per GB, mostly image pulls)',
      'load balancer capacity beyond one LCU',
      'the hosted zone, which the centre already has',
      'taxes'
    ])
  })
})

describe('the price table', () => {
  it('has us-east-1 and ap-southeast-2, each with its source, and a 730-hour month', () => {
    expect(Object.keys(regionPrices).sort()).toEqual([
      'ap-southeast-2',
      'us-east-1'
    ])
    for (const prices of Object.values(regionPrices)) {
      expect(prices.source).not.toBe('')
      expect(prices.instanceLargeHourly.m5).toBeGreaterThan(0)
    }
    expect(hoursPerMonth).toBe(730)
    expect(priceDate).toMatch(/^\d{4}-\d{2}$/)
  })
})
