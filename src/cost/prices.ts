/**
 * On-demand list prices in USD, Linux, shared tenancy, as of the date below.
 * They change: check https://aws.amazon.com/ec2/pricing/on-demand/,
 * https://aws.amazon.com/ebs/pricing/, https://aws.amazon.com/elasticloadbalancing/pricing/
 * and https://aws.amazon.com/vpc/pricing/ (or the Price List API) before
 * relying on a figure.
 */
export interface RegionPrices {
  region: string
  /** USD per hour of each family's `large` size; other sizes scale with it. */
  instanceLargeHourly: Record<string, number>
  ebsGp3GbMonth: number
  loadBalancerHour: number
  loadBalancerCapacityUnitHour: number
  publicIpv4Hour: number
  natGatewayHour: number
  natGatewayGb: number
  /** Where the figures come from and how sure they are. */
  source: string
}

export const priceDate = '2025-11'

/** AWS bills by the hour; a month is taken as 730 of them. */
export const hoursPerMonth = 730

/** The public IPv4 charge is the same in every commercial region. */
const publicIpv4Hour = 0.005

/**
 * Source: AWS public price pages (see above) as of the price date. Instance,
 * gp3 ($0.08) and NAT ($0.045) figures agree with independent tables in
 * public code; the public IPv4 charge ($0.005 per address-hour, all public
 * IPv4 since 2024-02-01) with the AWS networking blog "Identify and optimize
 * public IPv4 address usage on AWS".
 */
const usEast1: RegionPrices = {
  region: 'us-east-1',
  instanceLargeHourly: {
    t2: 0.0928,
    t3: 0.0832,
    t3a: 0.0752,
    t4g: 0.0672,
    m5: 0.096,
    m5a: 0.086,
    m5d: 0.113,
    m6a: 0.0864,
    m6g: 0.077,
    m6i: 0.096,
    m7a: 0.11592,
    m7g: 0.0816,
    m7i: 0.1008,
    'm7i-flex': 0.09576,
    c5: 0.085,
    c6a: 0.0765,
    c6g: 0.068,
    c6i: 0.085,
    c7g: 0.0725,
    c7i: 0.08925,
    r5: 0.126,
    r5a: 0.113,
    r6a: 0.1134,
    r6g: 0.1008,
    r7g: 0.1071,
    r7i: 0.1323
  },
  ebsGp3GbMonth: 0.08,
  loadBalancerHour: 0.0225,
  loadBalancerCapacityUnitHour: 0.008,
  publicIpv4Hour,
  natGatewayHour: 0.045,
  natGatewayGb: 0.045,
  source:
    'AWS public on-demand price pages, us-east-1 (US East, N. Virginia), Linux'
}

/**
 * UNVERIFIED: no AWS price page for Sydney could be read when this table was
 * written; these are AWS list prices as we know them. Independent tables in
 * public code agree on gp3 ($0.096), the load balancer hour ($0.0252), NAT
 * ($0.059), t4g.large ($0.0848) and m7i-flex.large ($0.1197); the rest is
 * unconfirmed. Check them before quoting.
 */
const apSoutheast2: RegionPrices = {
  region: 'ap-southeast-2',
  instanceLargeHourly: {
    t2: 0.1168,
    t3: 0.1056,
    t3a: 0.095,
    t4g: 0.0848,
    m5: 0.12,
    m5a: 0.108,
    m6i: 0.12,
    'm7i-flex': 0.1197,
    c5: 0.111,
    r5: 0.151
  },
  ebsGp3GbMonth: 0.096,
  loadBalancerHour: 0.0252,
  loadBalancerCapacityUnitHour: 0.008,
  publicIpv4Hour,
  natGatewayHour: 0.059,
  natGatewayGb: 0.059,
  source:
    'AWS list prices for ap-southeast-2 (Asia Pacific, Sydney), Linux; UNVERIFIED against AWS, partly confirmed by independent tables'
}

export const regionPrices: Record<string, RegionPrices> = {
  [usEast1.region]: usEast1,
  [apSoutheast2.region]: apSoutheast2
}

export const fallbackRegion = usEast1.region
