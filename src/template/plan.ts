import type { Inputs } from '../inputs/schema.js'
import type { Check } from './checks.js'
import { parseCidr } from '../inputs/formats.js'
import { parameterNames } from './parameters.js'
import type { Synthesis } from './synthesise.js'

/** The stack as a centre reads it before deploying: what, where, checked. */
export interface Plan {
  stackName: string
  region: string
  network: string
  certificate: string
  instance: string
  rootVolume: string
  access: string
  resourceCount: number
  resources: { type: string; count: number }[]
  parameters: { name: string; value: string | null; note: string }[]
  imageParameterName: string
  checks: Check[]
  /** Things that work but that the centre should know. */
  warnings: string[]
}

/** Below this much memory compose-services is slow to build and run. */
const comfortableMemoryGiB = 16

function describeNetwork(inputs: Inputs): string {
  const choice = inputs.network
  return choice.kind === 'new'
    ? `new VPC ${choice.cidr}: public subnets in 2 zones for the load balancer, a private subnet for the instance, a NAT gateway`
    : `the centre's VPC ${choice.vpcId}: public subnets ${choice.publicSubnetIds.join(', ')}, private subnet ${choice.privateSubnetId}`
}

function describeCertificate(inputs: Inputs, domain: string): string {
  return inputs.certificateArn
    ? `the centre's certificate ${inputs.certificateArn}`
    : `new ACM certificate for ${domain}, validated through its hosted zone`
}

function countByType(synthesis: Synthesis): { type: string; count: number }[] {
  const counts = new Map<string, number>()
  for (const resource of Object.values(synthesis.template.Resources)) {
    counts.set(resource.Type, (counts.get(resource.Type) ?? 0) + 1)
  }
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, count]) => ({ type, count }))
}

function warningsFor(synthesis: Synthesis, inputs: Inputs): string[] {
  const warnings: string[] = []
  const { instanceType } = synthesis
  if (instanceType.memoryGiB < comfortableMemoryGiB) {
    warnings.push(
      `${instanceType.name} has ${instanceType.memoryGiB} GiB of memory: compose-services needs at least 6 GiB and runs comfortably with ${comfortableMemoryGiB} GiB or more (m5.2xlarge has 32).`
    )
  }
  // compose-services' docker-compose.yml at the pinned commit.
  if (instanceType.architecture === 'arm64') {
    warnings.push(
      `${instanceType.name} is a Graviton (arm64) type, and compose-services' images (quay.io/cdis/*:2021.03, elasticsearch-oss 6.8.12 among them) are not known to be built for arm64: choose an x86_64 type such as m5.2xlarge unless you have checked them.`
    )
  }
  const ipv6 = inputs.allowedCidrs.filter(
    (range) => parseCidr(range)?.family === 'ipv6'
  )
  if (ipv6.length > 0) {
    warnings.push(
      `allowed-cidrs has IPv6 ranges (${ipv6.join(', ')}): the security group admits them, but the load balancer has IPv4 addresses only, so clients reach it over IPv4.`
    )
  }
  return warnings
}

/**
 * The plan of a synthesis for the stack named in the inputs, in the region
 * it goes to. The domain is the one the template was made for (synth uses an
 * example when none is given).
 */
export function describePlan(
  synthesis: Synthesis,
  inputs: Inputs,
  region: string
): Plan {
  const domain =
    synthesis.parameters[parameterNames.domainName] ?? '(given at deploy)'
  const zone = synthesis.parameters[parameterNames.hostedZoneId]
  const { instanceType, rootVolume } = synthesis
  const resources = countByType(synthesis)

  return {
    stackName: inputs.stackName,
    region,
    network: describeNetwork(inputs),
    certificate: describeCertificate(inputs, domain),
    instance: `${instanceType.name} (${instanceType.architecture}, ${instanceType.memoryGiB} GiB) in the private subnet: hibernation configured, IMDSv2 only, no key pair, reached over SSM`,
    rootVolume: `${rootVolume.sizeGiB} GiB gp3, encrypted (at least ${rootVolume.minimumGiB} GiB)`,
    access: `443 and 80 from ${inputs.allowedCidrs.join(', ')}; 80 redirects to 443`,
    resourceCount: Object.keys(synthesis.template.Resources).length,
    resources,
    parameters: [
      {
        name: parameterNames.domainName,
        value: synthesis.parameters[parameterNames.domainName] ?? null,
        note: 'the domain input'
      },
      {
        name: parameterNames.hostedZoneId,
        value: zone ?? null,
        note: zone ? 'the hosted-zone-id input' : 'needed at deploy'
      },
      {
        name: parameterNames.imageId,
        value: null,
        note: `resolved at deploy from ${synthesis.imageParameterName}, then kept on every update`
      },
      {
        name: parameterNames.hibernated,
        value: 'false',
        note: 'hibernate and resume set it'
      },
      ...(parameterNames.natGatewayRemoved in
      (synthesis.template.Parameters ?? {})
        ? [
            {
              name: parameterNames.natGatewayRemoved,
              value: 'false',
              note: 'hibernate removes the NAT gateway, resume makes it again'
            }
          ]
        : [])
    ],
    imageParameterName: synthesis.imageParameterName,
    checks: synthesis.checks,
    warnings: warningsFor(synthesis, inputs)
  }
}

function aligned(rows: [string, string][], indent = '  '): string[] {
  const width = Math.max(...rows.map(([label]) => label.length))
  return rows.map(([label, text]) => `${indent}${label.padEnd(width)}  ${text}`)
}

/** The plan as text lines, for a log or a terminal. */
export function planLines(plan: Plan): string[] {
  return [
    `Stack ${plan.stackName} in ${plan.region}`,
    ...aligned([
      ['Network', plan.network],
      ['Certificate', plan.certificate],
      ['Instance', plan.instance],
      ['Root volume', plan.rootVolume],
      ['Access', plan.access]
    ]),
    `Resources (${plan.resourceCount})`,
    ...aligned(plan.resources.map(({ type, count }) => [type, String(count)])),
    'Parameters',
    ...aligned(
      plan.parameters.map(({ name, value, note }) => [
        name,
        value === null ? `(${note})` : `${value} (${note})`
      ])
    ),
    'Checks passed',
    ...plan.checks.map((check) => `  ✓ ${check.name}: ${check.detail}`)
  ]
}

/** The plan as Markdown, for the job summary. */
export function planMarkdown(plan: Plan): string {
  const row = (label: string, text: string) => `| ${label} | ${text} |`
  return [
    `### Gen3 POC stack \`${plan.stackName}\` in ${plan.region}`,
    '',
    '| | |',
    '| --- | --- |',
    row('Network', plan.network),
    row('Certificate', plan.certificate),
    row('Instance', plan.instance),
    row('Root volume', plan.rootVolume),
    row('Access', plan.access),
    row(
      'Resources',
      `${plan.resourceCount}: ${plan.resources.map(({ type, count }) => `${type.replace(/^AWS::/, '')} ${count}`).join(', ')}`
    ),
    row(
      'AMI',
      `resolved at deploy from \`${plan.imageParameterName}\`, then kept`
    ),
    '',
    `Checks passed: ${plan.checks.map((check) => check.name).join('; ')}.`
  ].join('\n')
}
