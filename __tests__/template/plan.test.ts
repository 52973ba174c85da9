import { describe, expect, it } from '@jest/globals'

import {
  describePlan,
  planLines,
  planMarkdown
} from '../../src/template/plan.js'
import { synthesise } from '../../src/template/synthesise.js'
import { existingCertificate, existingVpc, inputsFor } from './variants.js'

function planFor(given: Record<string, string>, region = 'us-east-1') {
  const inputs = inputsFor(given)
  return describePlan(synthesise(inputs), inputs, region)
}

describe('the plan', () => {
  const plan = planFor({ domain: 'gen3.example.edu' })

  it('says where the stack goes and what it holds', () => {
    expect(plan).toMatchObject({
      stackName: 'gen3-poc',
      region: 'us-east-1',
      network:
        'new VPC 10.42.0.0/16: public subnets in 2 zones for the load balancer, a private subnet for the instance, a NAT gateway',
      certificate:
        'new ACM certificate for gen3.example.edu, validated through its hosted zone',
      instance:
        'm5.2xlarge (x86_64, 32 GiB) in the private subnet: hibernation configured, IMDSv2 only, no key pair, reached over SSM',
      rootVolume: '92 GiB gp3, encrypted (at least 92 GiB)',
      access: '443 and 80 from 0.0.0.0/0; 80 redirects to 443',
      resourceCount: 33,
      imageParameterName:
        '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
      warnings: []
    })
  })

  it('counts the resources by type', () => {
    expect(plan.resources).toContainEqual({
      type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
      count: 6
    })
    expect(plan.resources.reduce((sum, { count }) => sum + count, 0)).toBe(33)
  })

  it('lists the parameters and where their values come from', () => {
    expect(plan.parameters).toEqual([
      {
        name: 'DomainName',
        value: 'gen3.example.edu',
        note: 'the domain input'
      },
      { name: 'HostedZoneId', value: null, note: 'needed at deploy' },
      {
        name: 'ImageId',
        value: null,
        note: 'resolved at deploy from /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64, then kept on every update'
      },
      {
        name: 'Hibernated',
        value: 'false',
        note: 'hibernate and resume set it'
      },
      {
        name: 'NatGatewayRemoved',
        value: 'false',
        note: 'hibernate removes the NAT gateway, resume makes it again'
      }
    ])
  })

  it("lists no NAT gateway switch for the centre's own VPC", () => {
    expect(
      planFor(existingVpc).parameters.map((parameter) => parameter.name)
    ).toEqual(['DomainName', 'HostedZoneId', 'ImageId', 'Hibernated'])
  })

  it("names the centre's own network and certificate", () => {
    expect(
      planFor({ ...existingVpc, 'certificate-arn': existingCertificate })
    ).toMatchObject({
      network:
        "the centre's VPC vpc-0123456789abcdef0: public subnets subnet-0aaaaaaaaaaaaaaaa, subnet-0bbbbbbbbbbbbbbbb, private subnet subnet-0cccccccccccccccc",
      certificate: `the centre's certificate ${existingCertificate}`
    })
  })

  it('warns about an instance with little memory', () => {
    expect(planFor({ 'instance-type': 't3.large' }).warnings).toEqual([
      't3.large has 8 GiB of memory: compose-services needs at least 6 GiB and runs comfortably with 16 GiB or more (m5.2xlarge has 32).'
    ])
  })

  it('warns that the images may not run on a Graviton type', () => {
    expect(planFor({ 'instance-type': 'm7g.2xlarge' }).warnings).toEqual([
      "m7g.2xlarge is a Graviton (arm64) type, and compose-services' images (quay.io/cdis/*:2021.03, elasticsearch-oss 6.8.12 among them) are not known to be built for arm64: choose an x86_64 type such as m5.2xlarge unless you have checked them."
    ])
  })

  it('warns that IPv6 ranges do not reach an IPv4 load balancer', () => {
    expect(
      planFor({ 'allowed-cidrs': '0.0.0.0/0, 2001:db8::/32' }).warnings
    ).toEqual([
      'allowed-cidrs has IPv6 ranges (2001:db8::/32): the security group admits them, but the load balancer has IPv4 addresses only, so clients reach it over IPv4.'
    ])
  })
})

describe('the plan as text', () => {
  const lines = planLines(planFor({ domain: 'gen3.example.edu' }))

  it('aligns the facts, the resources, the parameters and the checks under headings', () => {
    expect(lines.slice(0, 7)).toEqual([
      'Stack gen3-poc in us-east-1',
      '  Network      new VPC 10.42.0.0/16: public subnets in 2 zones for the load balancer, a private subnet for the instance, a NAT gateway',
      '  Certificate  new ACM certificate for gen3.example.edu, validated through its hosted zone',
      '  Instance     m5.2xlarge (x86_64, 32 GiB) in the private subnet: hibernation configured, IMDSv2 only, no key pair, reached over SSM',
      '  Root volume  92 GiB gp3, encrypted (at least 92 GiB)',
      '  Access       443 and 80 from 0.0.0.0/0; 80 redirects to 443',
      'Resources (33)'
    ])
    expect(lines).toContain('  AWS::ElasticLoadBalancingV2::ListenerRule  6')
    expect(lines).toContain('  HostedZoneId       (needed at deploy)')
    expect(lines).toContain(
      '  DomainName         gen3.example.edu (the domain input)'
    )
    expect(lines.filter((line) => line.startsWith('  ✓ '))).toHaveLength(5)
  })
})

describe('the plan as Markdown', () => {
  it('gives a heading, a table of facts, the AMI and the checks', () => {
    const markdown = planMarkdown(planFor({ domain: 'gen3.example.edu' }))

    expect(markdown).toMatch(/^### Gen3 POC stack `gen3-poc` in us-east-1\n/)
    expect(markdown).toContain(
      '| Root volume | 92 GiB gp3, encrypted (at least 92 GiB) |'
    )
    expect(markdown).toContain(
      '| AMI | resolved at deploy from `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64`, then kept |'
    )
    expect(markdown).toContain(
      'Checks passed: instance type hibernates; root volume holds the memory image; references resolve; body fits inline; sleep page fits a fixed response.'
    )
  })
})
