import type { Json, Resource } from '../template/cloudformation.js'
import { sizeFactor } from '../template/instance-types.js'
import { natGatewayCondition } from '../template/network.js'
import type { Template } from '../template/synthesise.js'
import type { RegionPrices } from './prices.js'
import {
  fallbackRegion,
  hoursPerMonth,
  priceDate,
  regionPrices
} from './prices.js'

/** What the stack is billed for, read from the rendered template. */
export interface BillableParts {
  instances: { instanceType: string; volumeGiB: number }[]
  /** The availability zones of each load balancer: one public IPv4 each. */
  loadBalancerZones: number[]
  natGateways: number
  /** NAT gateways the stack removes while the commons sleeps. */
  natGatewaysRemovedAsleep: number
  elasticIps: number
}

export interface CostLine {
  item: string
  /** How the figure is made: quantity times unit price. */
  basis: string
  running: number
  hibernated: number
}

export interface CostEstimate {
  /** The region the stack goes to. */
  region: string
  /** The region whose prices were used. */
  pricedRegion: string
  priceDate: string
  source: string
  lines: CostLine[]
  /** USD per month with the instance running around the clock. */
  running: number
  /** USD per month with the instance hibernated all month. */
  hibernated: number
  warnings: string[]
  /** What the estimate leaves out. */
  excluded: string[]
}

/**
 * One load balancer capacity unit an hour: a proof-of-concept with a few
 * users stays under it (1 LCU is 25 new connections a second, 3,000 active
 * connections or 1 GB an hour).
 */
const capacityUnitsPerHour = 1

function propertiesOf(resource: Resource): Record<string, Json> {
  return resource.Properties ?? {}
}

function volumeGiB(mappings: Json | undefined): number {
  if (!Array.isArray(mappings)) return 0
  return (mappings as Json[]).reduce<number>((sum, mapping) => {
    const ebs = (mapping as Record<string, Json>).Ebs as
      Record<string, Json> | undefined
    const size = ebs?.VolumeSize
    return sum + (typeof size === 'number' ? size : 0)
  }, 0)
}

export function billableParts(template: Template): BillableParts {
  const resources = Object.values(template.Resources)
  const ofType = (type: string) => resources.filter((r) => r.Type === type)

  return {
    instances: ofType('AWS::EC2::Instance').map((resource) => {
      const properties = propertiesOf(resource)
      return {
        instanceType:
          typeof properties.InstanceType === 'string'
            ? properties.InstanceType
            : '',
        volumeGiB: volumeGiB(properties.BlockDeviceMappings)
      }
    }),
    loadBalancerZones: ofType('AWS::ElasticLoadBalancingV2::LoadBalancer').map(
      (resource) => {
        const subnets = propertiesOf(resource).Subnets
        return Array.isArray(subnets) ? subnets.length : 0
      }
    ),
    natGateways: ofType('AWS::EC2::NatGateway').length,
    natGatewaysRemovedAsleep: ofType('AWS::EC2::NatGateway').filter(
      (resource) => resource.Condition === natGatewayCondition
    ).length,
    elasticIps: ofType('AWS::EC2::EIP').length
  }
}

function cents(value: number): number {
  return Math.round(value * 100) / 100
}

function dollars(value: number): string {
  return `$${String(value)}`
}

function perMonth(
  item: string,
  basis: string,
  monthly: number,
  whileHibernated: boolean
): CostLine {
  const amount = cents(monthly)
  return {
    item,
    basis,
    running: amount,
    hibernated: whileHibernated ? amount : 0
  }
}

function instanceLines(
  parts: BillableParts,
  prices: RegionPrices,
  warnings: string[]
): CostLine[] {
  return parts.instances.flatMap(({ instanceType, volumeGiB }) => {
    const [family = '', size = ''] = instanceType.split('.')
    const large = prices.instanceLargeHourly[family]
    const factor = sizeFactor(size)
    const storage = perMonth(
      'EBS gp3 root volume',
      `${volumeGiB} GB-month × ${dollars(prices.ebsGp3GbMonth)}`,
      volumeGiB * prices.ebsGp3GbMonth,
      true
    )

    if (large === undefined || factor === undefined) {
      warnings.push(
        `The price table has no ${prices.region} price for ${instanceType}: its instance hours are left out of the estimate. See https://aws.amazon.com/ec2/pricing/on-demand/.`
      )
      return [
        {
          item: `EC2 ${instanceType}`,
          basis: 'price unknown',
          running: 0,
          hibernated: 0
        },
        storage
      ]
    }

    const hourly = Math.round(large * factor * 1e5) / 1e5
    return [
      perMonth(
        `EC2 ${instanceType}`,
        `${hoursPerMonth} h × ${dollars(hourly)}; none while hibernated`,
        hoursPerMonth * hourly,
        false
      ),
      storage
    ]
  })
}

function networkLines(parts: BillableParts, prices: RegionPrices): CostLine[] {
  const lines: CostLine[] = []
  for (const zones of parts.loadBalancerZones) {
    lines.push(
      perMonth(
        'Application Load Balancer',
        `${hoursPerMonth} h × ${dollars(prices.loadBalancerHour)}`,
        hoursPerMonth * prices.loadBalancerHour,
        true
      ),
      perMonth(
        'Load balancer capacity',
        `${capacityUnitsPerHour} LCU × ${hoursPerMonth} h × ${dollars(prices.loadBalancerCapacityUnitHour)}`,
        capacityUnitsPerHour *
          hoursPerMonth *
          prices.loadBalancerCapacityUnitHour,
        true
      ),
      perMonth(
        'Load balancer public IPv4',
        `${zones} addresses (one per zone) × ${hoursPerMonth} h × ${dollars(prices.publicIpv4Hour)}`,
        zones * hoursPerMonth * prices.publicIpv4Hour,
        true
      )
    )
  }
  if (parts.natGateways > 0) {
    const removed = parts.natGatewaysRemovedAsleep
    const kept = parts.natGateways - removed
    const hourly = hoursPerMonth * prices.natGatewayHour
    lines.push({
      item: 'NAT gateway',
      basis: `${parts.natGateways} × ${hoursPerMonth} h × ${dollars(prices.natGatewayHour)}${removed > 0 ? '; removed while hibernated' : ''}`,
      running: cents(parts.natGateways * hourly),
      hibernated: cents(kept * hourly)
    })
  }
  if (parts.elasticIps > 0) {
    lines.push(
      perMonth(
        'NAT gateway Elastic IP',
        `${parts.elasticIps} address × ${hoursPerMonth} h × ${dollars(prices.publicIpv4Hour)}`,
        parts.elasticIps * hoursPerMonth * prices.publicIpv4Hour,
        true
      )
    )
  }
  return lines
}

/**
 * The monthly cost of the rendered stack, running around the clock and
 * hibernated all month. A region without prices of its own is priced as
 * us-east-1, with a warning.
 */
export function estimateCost(template: Template, region: string): CostEstimate {
  const warnings: string[] = []
  const known = regionPrices[region]
  const prices = known ?? regionPrices[fallbackRegion]
  if (!prices) throw new Error(`no prices for ${fallbackRegion}`)
  if (!known) {
    warnings.push(
      `The price table has no figures for ${region}: the estimate uses ${prices.region} prices, which may differ by 10 to 30 percent.`
    )
  }

  const parts = billableParts(template)
  const lines = [
    ...instanceLines(parts, prices, warnings),
    ...networkLines(parts, prices)
  ]
  const total = (pick: (line: CostLine) => number) =>
    cents(lines.reduce((sum, line) => sum + pick(line), 0))

  return {
    region,
    pricedRegion: prices.region,
    priceDate,
    source: prices.source,
    lines,
    running: total((line) => line.running),
    hibernated: total((line) => line.hibernated),
    warnings,
    excluded: [
      'data transfer out to the internet',
      ...(parts.natGateways > 0
        ? [
            `NAT data processing (${dollars(prices.natGatewayGb)} per GB, mostly image pulls)`
          ]
        : []),
      'load balancer capacity beyond one LCU',
      'the hosted zone, which the centre already has',
      'taxes'
    ]
  }
}
