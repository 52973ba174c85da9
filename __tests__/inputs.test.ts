import { describe, expect, it } from '@jest/globals'

import { InputError } from '../src/errors.js'
import { readDeclarations } from '../src/inputs/declarations.js'
import { readInputs } from '../src/inputs/read.js'
import { regions } from '../src/inputs/regions.js'
import { RecordingReporter } from './fixtures/reporter.js'

const declarations = readDeclarations(
  new URL('../action.yml', import.meta.url)
).inputs

const regionList = regions.join(', ')
const manyTags = Array.from({ length: 49 }, (_, i) => `tag${i}=x`).join('\n')
const manyRanges = Array.from({ length: 31 }, (_, i) => `10.${i}.0.0/16`).join(
  ','
)

function read(
  given: Record<string, string>,
  reporter = new RecordingReporter()
) {
  return readInputs((name) => given[name], declarations, reporter)
}

function problemsOf(given: Record<string, string>) {
  try {
    read(given)
  } catch (error) {
    if (error instanceof InputError) return error.problems
    throw error
  }
  throw new Error('expected the inputs to be rejected')
}

describe('reading the inputs', () => {
  it('applies the defaults of action.yml when nothing is given', () => {
    const inputs = read({})

    expect(inputs).toMatchObject({
      command: 'synth',
      stackName: 'gen3-poc',
      region: undefined,
      domain: undefined,
      network: { kind: 'new', cidr: '10.42.0.0/16' },
      allowedCidrs: ['0.0.0.0/0'],
      instanceType: 'm5.2xlarge',
      rootVolumeSize: undefined,
      tags: {},
      timeoutMinutes: 60,
      allowReplacement: false,
      terminationProtection: true,
      keepAwakeHours: 0,
      composeServicesRef: 'a44a15f84f23bfb57dfb680060c1a1082e815257',
      strict: false,
      githubToken: ''
    })
  })

  it('parses an existing network with its subnets', () => {
    const inputs = read({
      'vpc-id': 'vpc-0123456789abcdef0',
      'public-subnet-ids': 'subnet-0aaaaaaaaaaaaaaaa, subnet-0bbbbbbbbbbbbbbbb',
      'private-subnet-id': 'subnet-0cccccccccccccccc'
    })

    expect(inputs.network).toEqual({
      kind: 'existing',
      vpcId: 'vpc-0123456789abcdef0',
      publicSubnetIds: ['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb'],
      privateSubnetId: 'subnet-0cccccccccccccccc'
    })
  })

  it('parses tags given as key=value lines or as a YAML map', () => {
    expect(read({ tags: 'team=genomics\ncost-centre = 42' }).tags).toEqual({
      team: 'genomics',
      'cost-centre': '42'
    })
    expect(read({ tags: 'team: genomics\nowner: a@b.org' }).tags).toEqual({
      team: 'genomics',
      owner: 'a@b.org'
    })
  })

  it('keeps tag values exactly as written, numbers, booleans and empty ones too', () => {
    expect(
      read({ tags: 'team: 0123\nsize: 1e3\nactive: yes\nnote:' }).tags
    ).toEqual({ team: '0123', size: '1e3', active: 'yes', note: '' })
  })

  it('lowers the case of the domain and drops a final dot', () => {
    expect(read({ domain: 'Gen3.Example.ORG.' }).domain).toBe(
      'gen3.example.org'
    )
  })

  it('warns of a stack name the shipped policies do not allow, and reads it', () => {
    const reporter = new RecordingReporter()

    expect(read({ 'stack-name': 'my-commons' }, reporter).stackName).toBe(
      'my-commons'
    )
    expect(reporter.at('warning')).toEqual([
      'stack-name my-commons does not start with gen3-poc: the IAM policies in policy/ allow only stacks named gen3-poc…, so change the names in them before attaching them (README, IAM permissions).'
    ])
  })

  it('warns that vpc-cidr does nothing with vpc-id, and says nothing of its default', () => {
    const existing = {
      'vpc-id': 'vpc-0123456789abcdef0',
      'public-subnet-ids': 'subnet-0aaaaaaaaaaaaaaaa, subnet-0bbbbbbbbbbbbbbbb',
      'private-subnet-id': 'subnet-0cccccccccccccccc'
    }
    const quiet = new RecordingReporter()
    const warned = new RecordingReporter()

    read(existing, quiet)
    read({ ...existing, 'vpc-cidr': '10.0.0.0/16' }, warned)

    expect(quiet.at('warning')).toEqual([])
    expect(warned.at('warning')).toEqual([
      "vpc-cidr 10.0.0.0/16 is not used: with vpc-id the stack goes into the centre's VPC as it is."
    ])
  })

  it('masks the secrets before anything else happens', () => {
    const reporter = new RecordingReporter()
    read(
      { 'oauth-client-id': 'client-1', 'oauth-client-secret': 's3cret' },
      reporter
    )

    expect(reporter.secrets).toEqual(['client-1', 's3cret'])
  })

  it('never shows a secret in an error', () => {
    const reporter = new RecordingReporter()
    expect(() =>
      read({ 'oauth-client-secret': 's3cret', command: 'nope' }, reporter)
    ).toThrow(InputError)
    expect(reporter.secrets).toContain('s3cret')
  })
})

describe('rejecting bad inputs, naming the input, its value and what is valid', () => {
  const cases: [string, Record<string, string>, string, string, string][] = [
    [
      'an unknown command',
      { command: 'launch' },
      'command',
      'launch',
      'one of synth, deploy, status, hibernate, resume, push-config, push-dictionary, validate-dictionary, destroy'
    ],
    [
      'a domain with an underscore',
      { domain: 'gen3_poc.example.org' },
      'domain',
      'gen3_poc.example.org',
      'a fully qualified domain name of letters, digits and hyphens, at most 63 characters between dots and 253 in all, such as gen3.example.org'
    ],
    [
      'a domain of one label',
      { domain: 'localhost' },
      'domain',
      'localhost',
      'a fully qualified domain name of letters, digits and hyphens, at most 63 characters between dots and 253 in all, such as gen3.example.org'
    ],
    [
      'a hosted zone id too short to be one',
      { 'hosted-zone-id': 'ZZ' },
      'hosted-zone-id',
      'ZZ',
      'a Route53 hosted zone id such as Z0123456789ABCDEFGHIJ (without /hostedzone/)'
    ],
    [
      'a hosted zone id with its /hostedzone/ prefix',
      { 'hosted-zone-id': '/hostedzone/Z0123456789ABC' },
      'hosted-zone-id',
      '/hostedzone/Z0123456789ABC',
      'a Route53 hosted zone id such as Z0123456789ABCDEFGHIJ (without /hostedzone/)'
    ],
    [
      'a certificate ARN of another service',
      { 'certificate-arn': 'arn:aws:iam::123456789012:server-certificate/x' },
      'certificate-arn',
      'arn:aws:iam::123456789012:server-certificate/x',
      'an ACM certificate ARN such as arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789'
    ],
    [
      'an allowed range that is not one',
      { 'allowed-cidrs': '0.0.0.0/0, 10.1.2.3' },
      'allowed-cidrs',
      '0.0.0.0/0, 10.1.2.3',
      "an address range such as 203.0.113.0/24 or 2001:db8::/32 ('10.1.2.3' is not one)"
    ],
    [
      'an allowed range with host bits set',
      { 'allowed-cidrs': '192.0.2.77/24' },
      'allowed-cidrs',
      '192.0.2.77/24',
      'a range that starts at its network address: 192.0.2.0/24 rather than 192.0.2.77/24'
    ],
    [
      'an allowed range given twice',
      { 'allowed-cidrs': '203.0.113.0/24, 198.51.100.0/24, 203.0.113.0/24' },
      'allowed-cidrs',
      '203.0.113.0/24, 198.51.100.0/24, 203.0.113.0/24',
      'each range once: 203.0.113.0/24 is given twice, and a security group refuses the same rule twice'
    ],
    [
      'more allowed IPv4 ranges than a security group takes rules for',
      { 'allowed-cidrs': manyRanges },
      'allowed-cidrs',
      manyRanges,
      "at most 30 IPv4 ranges and 30 IPv6 ranges: each opens 443 and 80, and a security group takes 60 inbound rules of each family unless the account's quota was raised (31 IPv4 ranges given)"
    ],
    [
      'a VPC range too large for AWS',
      { 'vpc-cidr': '10.0.0.0/8' },
      'vpc-cidr',
      '10.0.0.0/8',
      'an IPv4 range from /16 to /24 such as 10.42.0.0/16'
    ],
    [
      'a region that is not a region code',
      { region: 'Sydney' },
      'region',
      'Sydney',
      'an AWS region code such as us-east-1 or ap-southeast-2'
    ],
    [
      'a region code that AWS does not have',
      { region: 'ap-sotheast-2' },
      'region',
      'ap-sotheast-2',
      `a region AWS offers (did you mean ap-southeast-2?): ${regionList}`
    ],
    [
      'a stack name with an underscore',
      { 'stack-name': 'gen3_poc' },
      'stack-name',
      'gen3_poc',
      'a CloudFormation stack name: a letter, then letters, digits and hyphens, at most 128 characters'
    ],
    [
      'a malformed VPC id',
      {
        'vpc-id': 'vpc-xyz',
        'public-subnet-ids':
          'subnet-0aaaaaaaaaaaaaaaa,subnet-0bbbbbbbbbbbbbbbb',
        'private-subnet-id': 'subnet-0cccccccccccccccc'
      },
      'vpc-id',
      'vpc-xyz',
      'a VPC id such as vpc-0123456789abcdef0'
    ],
    [
      'a malformed subnet id',
      { 'private-subnet-id': 'sub-123' },
      'private-subnet-id',
      'sub-123',
      'a subnet id such as subnet-0123456789abcdef0'
    ],
    [
      'a malformed instance type',
      { 'instance-type': 'M5 2XL' },
      'instance-type',
      'M5 2XL',
      'an EC2 instance type such as m5.2xlarge'
    ],
    [
      'a root volume size that is not a number',
      { 'root-volume-size': '100GB' },
      'root-volume-size',
      '100GB',
      'a size in GiB, a whole number from 8 to 16384'
    ],
    [
      'a timeout beyond five hours',
      { 'timeout-minutes': '360' },
      'timeout-minutes',
      '360',
      'minutes, a whole number from 1 to 300'
    ],
    [
      'a boolean that is neither true nor false',
      { 'allow-replacement': 'maybe' },
      'allow-replacement',
      'maybe',
      'true or false'
    ],
    [
      'a tag reserved for AWS',
      { tags: 'aws:owner=me' },
      'tags',
      'aws:owner=me',
      "one key=value a line or a YAML map; keys of 1 to 128 letters, digits, spaces and _.:/=+-@ not starting with 'aws:', values of at most 256 such characters"
    ],
    [
      'a tag key given twice as key=value lines',
      { tags: 'team=genomics\nteam=other' },
      'tags',
      'team=genomics\nteam=other',
      'each tag key once (team is given twice)'
    ],
    [
      'a tag key given twice in a YAML map',
      { tags: 'team: genomics\nteam: other' },
      'tags',
      'team: genomics\nteam: other',
      'each tag key once'
    ],
    [
      'more tags than a resource takes besides its own two',
      { tags: manyTags },
      'tags',
      manyTags,
      'at most 48 tags: AWS resources take 50 and the stack adds Name and gen3-poc:stack (49 given)'
    ],
    [
      'a compose-services ref that is a branch',
      { 'compose-services-ref': 'master' },
      'compose-services-ref',
      'master',
      'a full git commit id of 40 lower-case hex digits'
    ],
    [
      'keep-awake hours beyond a week',
      { 'keep-awake-hours': '200' },
      'keep-awake-hours',
      '200',
      'hours, a whole number from 0 to 168'
    ]
  ]

  it.each(cases)('rejects %s', (_, given, input, value, expected) => {
    expect(problemsOf(given)).toEqual([{ input, value, expected }])
  })

  it('needs two different public subnets with an existing VPC', () => {
    expect(
      problemsOf({
        'vpc-id': 'vpc-0123456789abcdef0',
        'public-subnet-ids':
          'subnet-0aaaaaaaaaaaaaaaa,subnet-0aaaaaaaaaaaaaaaa',
        'private-subnet-id': 'subnet-0cccccccccccccccc'
      })
    ).toEqual([
      {
        input: 'public-subnet-ids',
        value: 'subnet-0aaaaaaaaaaaaaaaa,subnet-0aaaaaaaaaaaaaaaa',
        expected:
          'with vpc-id, at least two different public subnets, in two availability zones, for the load balancer'
      }
    ])
  })

  it('refuses a private subnet that is also one of the public ones', () => {
    expect(
      problemsOf({
        'vpc-id': 'vpc-0123456789abcdef0',
        'public-subnet-ids':
          'subnet-0aaaaaaaaaaaaaaaa,subnet-0bbbbbbbbbbbbbbbb',
        'private-subnet-id': 'subnet-0bbbbbbbbbbbbbbbb'
      })
    ).toEqual([
      {
        input: 'private-subnet-id',
        value: 'subnet-0bbbbbbbbbbbbbbbb',
        expected:
          'a subnet other than the public ones: the instance goes in a private subnet, reached only through the load balancer'
      }
    ])
  })

  it('refuses subnets without the VPC they belong to', () => {
    expect(
      problemsOf({ 'private-subnet-id': 'subnet-0cccccccccccccccc' })
    ).toEqual([
      {
        input: 'private-subnet-id',
        value: 'subnet-0cccccccccccccccc',
        expected: 'empty unless vpc-id names the VPC these subnets are in'
      }
    ])
  })

  it('needs the domain and hosted zone to deploy', () => {
    expect(problemsOf({ command: 'deploy' })).toEqual([
      {
        input: 'domain',
        value: '',
        expected: 'a value: deploy needs the domain of the commons'
      },
      {
        input: 'hosted-zone-id',
        value: '',
        expected: 'a value: deploy needs the hosted-zone-id of the commons'
      }
    ])
  })

  it('lists every bad input in one message', () => {
    expect(() => read({ domain: 'x', region: 'mars' })).toThrow(
      '2 inputs are not valid:\n  - input \'region\' is "mars": expected an AWS region code such as us-east-1 or ap-southeast-2\n  - input \'domain\' is "x": expected a fully qualified domain name of letters, digits and hyphens, at most 63 characters between dots and 253 in all, such as gen3.example.org'
    )
  })

  it('shows a secret input as *** when it is rejected', () => {
    expect(() =>
      read({ command: 'launch', 'oauth-client-secret': 'hunter2' })
    ).not.toThrow(/hunter2/)
  })
})
