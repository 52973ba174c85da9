import { describe, expect, it } from '@jest/globals'

import { estimateCost } from '../../src/cost/estimate.js'
import { costLines, costMarkdown } from '../../src/cost/table.js'
import { synthesise } from '../../src/template/synthesise.js'
import { existingVpc, inputsFor } from '../template/variants.js'

const estimate = estimateCost(
  synthesise(inputsFor(existingVpc)).template,
  'us-east-1'
)

describe('the cost as text', () => {
  it('lines up the amounts under their headings and ends with the total', () => {
    expect(costLines(estimate)).toEqual([
      'Monthly cost in USD, us-east-1 on-demand prices of 2025-11',
      'Item                       Running  Hibernated  Basis',
      'EC2 m5.2xlarge              280.32        0.00  730 h × $0.384; none while hibernated',
      'EBS gp3 root volume           7.36        7.36  92 GB-month × $0.08',
      'Application Load Balancer    16.43       16.43  730 h × $0.0225',
      'Load balancer capacity        5.84        5.84  1 LCU × 730 h × $0.008',
      'Load balancer public IPv4     7.30        7.30  2 addresses (one per zone) × 730 h × $0.005',
      'Total                       317.25       36.93',
      'Not included: data transfer out to the internet; load balancer capacity beyond one LCU; the hosted zone, which the centre already has; taxes.'
    ])
  })
})

describe('the cost as Markdown', () => {
  it('is a table with the source of its prices and the total in bold', () => {
    const markdown = costMarkdown(estimate)

    expect(markdown).toContain(
      '**Monthly cost in USD, us-east-1 on-demand prices of 2025-11** (AWS public on-demand price pages, us-east-1 (US East, N. Virginia), Linux)'
    )
    expect(markdown).toContain(
      '| Item | Running 24/7 | Hibernated | Basis |\n| --- | ---: | ---: | --- |\n| EC2 m5.2xlarge | 280.32 | 0.00 | 730 h × $0.384; none while hibernated |'
    )
    expect(markdown).toContain('| **Total** | **317.25** | **36.93** | |')
  })

  it('quotes its warnings', () => {
    const elsewhere = estimateCost(
      synthesise(inputsFor()).template,
      'eu-west-2'
    )
    expect(costMarkdown(elsewhere)).toContain(
      '\n> The price table has no figures for eu-west-2: the estimate uses us-east-1 prices, which may differ by 10 to 30 percent.'
    )
  })
})
