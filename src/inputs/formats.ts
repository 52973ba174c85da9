import { isIP } from 'node:net'

/**
 * Checks for the shapes of values that AWS accepts, each with the sentence
 * an error shows after "expected".
 */
export interface Format {
  test: (value: string) => boolean
  expected: string
}

const label = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/

export const domainName: Format = {
  test: (value) => {
    const labels = value.toLowerCase().replace(/\.$/, '').split('.')
    return (
      value.length <= 253 &&
      labels.length >= 2 &&
      labels.every((part) => label.test(part)) &&
      !/^\d+$/.test(labels.at(-1) ?? '')
    )
  },
  expected:
    'a fully qualified domain name of letters, digits and hyphens, at most 63 characters between dots and 253 in all, such as gen3.example.org'
}

// Route53 zone ids are Z and at least 9 more (Z1D633PJN98FT9, Z0123456789ABCDEFGHIJ).
export const hostedZoneId: Format = {
  test: (value) => /^Z[A-Z0-9]{9,31}$/.test(value),
  expected:
    'a Route53 hosted zone id such as Z0123456789ABCDEFGHIJ (without /hostedzone/)'
}

export const certificateArn: Format = {
  test: (value) =>
    /^arn:aws(-cn|-us-gov)?:acm:[a-z]{2}(-[a-z]+)+-\d:\d{12}:certificate\/[0-9a-f-]{36}$/.test(
      value
    ),
  expected:
    'an ACM certificate ARN such as arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789'
}

export const region: Format = {
  test: (value) => /^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(value),
  expected: 'an AWS region code such as us-east-1 or ap-southeast-2'
}

export const stackName: Format = {
  test: (value) => /^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(value),
  expected:
    'a CloudFormation stack name: a letter, then letters, digits and hyphens, at most 128 characters'
}

export const vpcId: Format = {
  test: (value) => /^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/.test(value),
  expected: 'a VPC id such as vpc-0123456789abcdef0'
}

export const subnetId: Format = {
  test: (value) => /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/.test(value),
  expected: 'a subnet id such as subnet-0123456789abcdef0'
}

export const instanceType: Format = {
  test: (value) => /^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(value),
  expected: 'an EC2 instance type such as m5.2xlarge'
}

export const commit: Format = {
  test: (value) => /^[0-9a-f]{40}$/.test(value),
  expected: 'a full git commit id of 40 lower-case hex digits'
}

/** An address range whose host bits are zero, as AWS stores it. */
export function parseCidr(
  value: string
): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const match = /^([0-9a-fA-F.:]+)\/(\d{1,3})$/.exec(value)
  if (!match?.[1] || !match[2]) return undefined

  const address = match[1]
  const prefix = Number(match[2])
  const version = isIP(address)
  if (version === 0 || prefix > (version === 4 ? 32 : 128)) return undefined

  const family = version === 4 ? 'ipv4' : 'ipv6'
  return { address, prefix, family }
}

/** The network address of an IPv4 range: 10.0.0.7/16 gives 10.0.0.0/16. */
export function ipv4Network(address: string, prefix: number): string {
  const bits = address
    .split('.')
    .reduce((sum, octet) => sum * 256 + Number(octet), 0)
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0
  const network = (bits & mask) >>> 0
  return [24, 16, 8, 0].map((shift) => (network >>> shift) & 255).join('.')
}
