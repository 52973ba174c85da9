import { describe, expect, it } from '@jest/globals'

import { InputError } from '../../src/errors.js'
import { outputKeys } from '../../src/stack/commons.js'
import { quarters } from '../../src/template/network.js'
import { parameterPath } from '../../src/template/instance-role.js'
import { wakeInstructionsFrom } from '../../src/template/sleep-page.js'
import { synthesise } from '../../src/template/synthesise.js'
import type { Template } from '../../src/template/synthesise.js'
import {
  existingCertificate,
  existingVpc,
  inputsFor,
  variants
} from './variants.js'

function build(given: Record<string, string> = {}) {
  return synthesise(inputsFor(given), { repository: 'umccr/gen3-poc' })
}

function resource(template: Template, name: string) {
  const found = template.Resources[name]
  if (!found) throw new Error(`the template has no ${name}`)
  return found
}

function properties(template: Template, name: string) {
  return resource(template, name).Properties ?? {}
}

function ofType(template: Template, type: string): string[] {
  return Object.entries(template.Resources)
    .filter(([, found]) => found.Type === type)
    .map(([name]) => name)
}

function problemsOf(given: Record<string, string>) {
  try {
    build(given)
  } catch (error) {
    if (error instanceof InputError) return error.problems
    throw error
  }
  throw new Error('expected the inputs to be refused')
}

describe('a new VPC', () => {
  const { template } = build()

  it('splits the range into quarters: two public subnets, one private, one spare', () => {
    expect(quarters('10.42.0.0/16')).toEqual([
      '10.42.0.0/18',
      '10.42.64.0/18',
      '10.42.128.0/18',
      '10.42.192.0/18'
    ])
    expect(quarters('192.168.7.0/24')).toEqual([
      '192.168.7.0/26',
      '192.168.7.64/26',
      '192.168.7.128/26',
      '192.168.7.192/26'
    ])
    expect(properties(template, 'Vpc').CidrBlock).toBe('10.42.0.0/16')
    expect(
      ['PublicSubnetA', 'PublicSubnetB', 'PrivateSubnet'].map(
        (name) => properties(template, name).CidrBlock
      )
    ).toEqual(['10.42.0.0/18', '10.42.64.0/18', '10.42.128.0/18'])
  })

  it('puts the public subnets in two zones of the region, found by Fn::GetAZs', () => {
    expect(properties(template, 'PublicSubnetA').AvailabilityZone).toEqual({
      'Fn::Select': [0, { 'Fn::GetAZs': '' }]
    })
    expect(properties(template, 'PublicSubnetB').AvailabilityZone).toEqual({
      'Fn::Select': [1, { 'Fn::GetAZs': '' }]
    })
  })

  it('routes the public subnets to the internet gateway and the private one to a NAT gateway while awake', () => {
    expect(properties(template, 'PublicRoute')).toEqual({
      RouteTableId: { Ref: 'PublicRouteTable' },
      DestinationCidrBlock: '0.0.0.0/0',
      GatewayId: { Ref: 'InternetGateway' }
    })
    expect(properties(template, 'PrivateRoute')).toEqual({
      RouteTableId: { Ref: 'PrivateRouteTable' },
      DestinationCidrBlock: '0.0.0.0/0',
      NatGatewayId: {
        'Fn::If': [
          'HasNatGateway',
          { Ref: 'NatGateway' },
          { Ref: 'AWS::NoValue' }
        ]
      },
      GatewayId: {
        'Fn::If': [
          'HasNatGateway',
          { Ref: 'AWS::NoValue' },
          { Ref: 'InternetGateway' }
        ]
      }
    })
    expect(properties(template, 'NatGateway')).toMatchObject({
      AllocationId: { 'Fn::GetAtt': ['NatElasticIp', 'AllocationId'] },
      SubnetId: { Ref: 'PublicSubnetA' }
    })
    expect(
      ofType(template, 'AWS::EC2::SubnetRouteTableAssociation').map((name) =>
        properties(template, name)
      )
    ).toEqual([
      {
        SubnetId: { Ref: 'PublicSubnetA' },
        RouteTableId: { Ref: 'PublicRouteTable' }
      },
      {
        SubnetId: { Ref: 'PublicSubnetB' },
        RouteTableId: { Ref: 'PublicRouteTable' }
      },
      {
        SubnetId: { Ref: 'PrivateSubnet' },
        RouteTableId: { Ref: 'PrivateRouteTable' }
      }
    ])
  })

  it('removes the NAT gateway while NatGatewayRemoved is true, keeping its address and the private route', () => {
    expect(template.Parameters?.NatGatewayRemoved).toMatchObject({
      Type: 'String',
      AllowedValues: ['false', 'true'],
      Default: 'false'
    })
    expect(template.Conditions?.HasNatGateway).toEqual({
      'Fn::Equals': [{ Ref: 'NatGatewayRemoved' }, 'false']
    })
    expect(template.Resources.NatGateway?.Condition).toBe('HasNatGateway')
    expect(template.Resources.NatElasticIp?.Condition).toBeUndefined()
    expect(template.Resources.PrivateRoute?.Condition).toBeUndefined()
    expect(template.Resources.Instance?.DependsOn).toContain('PrivateRoute')
  })

  it('gives no subnet public addresses of its own', () => {
    for (const name of ofType(template, 'AWS::EC2::Subnet')) {
      expect(properties(template, name).MapPublicIpOnLaunch).toBe(false)
    }
  })

  it('creates the load balancer once the internet gateway is routed, and the instance once its way out is', () => {
    expect(resource(template, 'LoadBalancer').DependsOn).toEqual([
      'PublicRoute'
    ])
    expect(resource(template, 'Instance').DependsOn).toEqual([
      'PrivateRoute',
      'PrivateSubnetRouteTableAssociation'
    ])
  })
})

describe("the centre's existing VPC", () => {
  const { template } = build(existingVpc)

  it('creates no network of its own', () => {
    for (const type of [
      'AWS::EC2::VPC',
      'AWS::EC2::Subnet',
      'AWS::EC2::NatGateway',
      'AWS::EC2::EIP',
      'AWS::EC2::InternetGateway',
      'AWS::EC2::RouteTable'
    ]) {
      expect(ofType(template, type)).toEqual([])
    }
  })

  it('has no NAT gateway to remove while asleep, so no NatGatewayRemoved switch', () => {
    expect(Object.keys(template.Parameters ?? {})).toEqual([
      'DomainName',
      'HostedZoneId',
      'ImageId',
      'Hibernated'
    ])
    expect(Object.keys(template.Conditions ?? {})).toEqual(['IsHibernated'])
  })

  it('uses the given subnets and VPC', () => {
    expect(properties(template, 'LoadBalancer').Subnets).toEqual([
      'subnet-0aaaaaaaaaaaaaaaa',
      'subnet-0bbbbbbbbbbbbbbbb'
    ])
    expect(properties(template, 'Instance').SubnetId).toBe(
      'subnet-0cccccccccccccccc'
    )
    expect(properties(template, 'TargetGroup').VpcId).toBe(
      'vpc-0123456789abcdef0'
    )
    expect(properties(template, 'LoadBalancerSecurityGroup').VpcId).toBe(
      'vpc-0123456789abcdef0'
    )
    expect(resource(template, 'Instance').DependsOn).toBeUndefined()
  })
})

describe('the certificate and the domain record', () => {
  it('creates a certificate that CloudFormation validates through the hosted zone', () => {
    const { template } = build()

    expect(properties(template, 'Certificate')).toMatchObject({
      DomainName: { Ref: 'DomainName' },
      ValidationMethod: 'DNS',
      DomainValidationOptions: [
        {
          DomainName: { Ref: 'DomainName' },
          HostedZoneId: { Ref: 'HostedZoneId' }
        }
      ]
    })
    expect(properties(template, 'HttpsListener').Certificates).toEqual([
      { CertificateArn: { Ref: 'Certificate' } }
    ])
  })

  it("uses the centre's certificate as given, creating none", () => {
    const { template } = build({ 'certificate-arn': existingCertificate })

    expect(ofType(template, 'AWS::CertificateManager::Certificate')).toEqual([])
    expect(properties(template, 'HttpsListener').Certificates).toEqual([
      { CertificateArn: existingCertificate }
    ])
  })

  it('points the domain at the load balancer with an alias A record', () => {
    const { template } = build()

    expect(properties(template, 'DomainRecord')).toEqual({
      HostedZoneId: { Ref: 'HostedZoneId' },
      Name: { Ref: 'DomainName' },
      Type: 'A',
      AliasTarget: {
        DNSName: { 'Fn::GetAtt': ['LoadBalancer', 'DNSName'] },
        HostedZoneId: {
          'Fn::GetAtt': ['LoadBalancer', 'CanonicalHostedZoneID']
        },
        EvaluateTargetHealth: false
      }
    })
  })
})

describe('the load balancer', () => {
  const { template } = build()

  it('faces the internet, drops invalid header fields and waits long enough for GraphQL', () => {
    expect(properties(template, 'LoadBalancer')).toMatchObject({
      Type: 'application',
      Scheme: 'internet-facing',
      Subnets: [{ Ref: 'PublicSubnetA' }, { Ref: 'PublicSubnetB' }],
      LoadBalancerAttributes: [
        { Key: 'idle_timeout.timeout_seconds', Value: '300' },
        {
          Key: 'routing.http.drop_invalid_header_fields.enabled',
          Value: 'true'
        }
      ]
    })
  })

  it('serves HTTPS with the current TLS 1.3 policy and forwards to the target group', () => {
    expect(properties(template, 'HttpsListener')).toMatchObject({
      Port: 443,
      Protocol: 'HTTPS',
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
      DefaultActions: [
        { Type: 'forward', TargetGroupArn: { Ref: 'TargetGroup' } }
      ]
    })
  })

  it('only redirects HTTP to HTTPS with a 301', () => {
    expect(properties(template, 'HttpListener').DefaultActions).toEqual([
      {
        Type: 'redirect',
        RedirectConfig: {
          Protocol: 'HTTPS',
          Port: '443',
          Host: '#{host}',
          Path: '/#{path}',
          Query: '#{query}',
          StatusCode: 'HTTP_301'
        }
      }
    ])
  })

  it('registers the instance on port 80 and checks the nginx status page, which answers while the portal builds', () => {
    expect(properties(template, 'TargetGroup')).toMatchObject({
      TargetType: 'instance',
      Protocol: 'HTTP',
      Port: 80,
      Targets: [{ Id: { Ref: 'Instance' }, Port: 80 }],
      HealthCheckPath: '/_status',
      Matcher: { HttpCode: '200' }
    })
  })
})

describe('the instance', () => {
  it('runs in the private subnet with no key pair, IMDSv2 only and hibernation configured', () => {
    const { template } = build()
    const instance = properties(template, 'Instance')

    expect(instance).toMatchObject({
      ImageId: { Ref: 'ImageId' },
      InstanceType: 'm5.2xlarge',
      SubnetId: { Ref: 'PrivateSubnet' },
      SecurityGroupIds: [
        { 'Fn::GetAtt': ['InstanceSecurityGroup', 'GroupId'] }
      ],
      IamInstanceProfile: { Ref: 'InstanceProfile' },
      HibernationOptions: { Configured: true },
      MetadataOptions: {
        HttpEndpoint: 'enabled',
        HttpTokens: 'required',
        HttpPutResponseHopLimit: 1
      },
      PropagateTagsToVolumeOnCreation: true
    })
    expect(instance).not.toHaveProperty('KeyName')
  })

  it('sizes the encrypted gp3 root volume from memory plus system, images and data', () => {
    const { template, rootVolume } = build()

    expect(rootVolume).toEqual({ sizeGiB: 92, minimumGiB: 92 })
    expect(properties(template, 'Instance').BlockDeviceMappings).toEqual([
      {
        DeviceName: '/dev/xvda',
        Ebs: {
          VolumeType: 'gp3',
          VolumeSize: 92,
          Encrypted: true,
          DeleteOnTermination: true
        }
      }
    ])
  })

  it('takes a larger root volume when asked', () => {
    const { template, rootVolume } = build({ 'root-volume-size': '250' })

    expect(rootVolume).toEqual({ sizeGiB: 250, minimumGiB: 92 })
    expect(properties(template, 'Instance').BlockDeviceMappings).toMatchObject([
      { Ebs: { VolumeSize: 250 } }
    ])
  })

  it('may use the SSM core policy and read its own parameters, nothing more', () => {
    const { template } = build()
    const role = properties(template, 'InstanceRole')

    expect(role.ManagedPolicyArns).toEqual([
      {
        'Fn::Sub':
          'arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore'
      }
    ])
    expect(role.Policies).toEqual([
      {
        PolicyName: 'read-own-parameters',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: [
                'ssm:GetParameter',
                'ssm:GetParameters',
                'ssm:GetParametersByPath'
              ],
              Resource: [
                {
                  'Fn::Sub':
                    'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/gen3-poc/${AWS::StackName}'
                },
                {
                  'Fn::Sub':
                    'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/gen3-poc/${AWS::StackName}/*'
                }
              ]
            }
          ]
        }
      }
    ])
    expect(properties(template, 'InstanceProfile').Roles).toEqual([
      { Ref: 'InstanceRole' }
    ])
  })

  it('names the parameter path other commands write to from the stack name', () => {
    expect(parameterPath('gen3-poc')).toBe('/gen3-poc/gen3-poc/')
  })
})

describe('the AMI', () => {
  it('is a plain AMI id parameter, never an SSM parameter type CloudFormation would re-resolve', () => {
    const { template } = build()

    expect(template.Parameters?.ImageId?.Type).toBe('AWS::EC2::Image::Id')
    for (const parameter of Object.values(template.Parameters ?? {})) {
      expect(parameter.Type).not.toMatch(/SSM/)
    }
    expect(JSON.stringify(template)).not.toContain('resolve:ssm')
  })

  it('names the public Amazon Linux 2023 parameter of the instance architecture', () => {
    expect(build().imageParameterName).toBe(
      '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64'
    )
    expect(build({ 'instance-type': 'm7g.2xlarge' }).imageParameterName).toBe(
      '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64'
    )
  })
})

describe('the security groups', () => {
  it('let the allowed IPv4 and IPv6 ranges reach 443 and 80 on the load balancer', () => {
    const { template } = build({
      'allowed-cidrs': '203.0.113.0/24, 2001:db8::/32'
    })

    expect(
      properties(template, 'LoadBalancerSecurityGroup').SecurityGroupIngress
    ).toEqual([
      {
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        CidrIp: '203.0.113.0/24',
        Description: 'HTTPS from 203.0.113.0/24'
      },
      {
        IpProtocol: 'tcp',
        FromPort: 80,
        ToPort: 80,
        CidrIp: '203.0.113.0/24',
        Description: 'HTTP redirected to HTTPS from 203.0.113.0/24'
      },
      {
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        CidrIpv6: '2001:db8::/32',
        Description: 'HTTPS from 2001:db8::/32'
      },
      {
        IpProtocol: 'tcp',
        FromPort: 80,
        ToPort: 80,
        CidrIpv6: '2001:db8::/32',
        Description: 'HTTP redirected to HTTPS from 2001:db8::/32'
      }
    ])
  })

  it('let the instance take port 80 from the load balancer and nothing else', () => {
    const { template } = build()

    expect(properties(template, 'InstanceSecurityGroup')).not.toHaveProperty(
      'SecurityGroupIngress'
    )
    expect(
      ofType(template, 'AWS::EC2::SecurityGroupIngress').map((name) =>
        properties(template, name)
      )
    ).toEqual([
      {
        GroupId: { 'Fn::GetAtt': ['InstanceSecurityGroup', 'GroupId'] },
        IpProtocol: 'tcp',
        FromPort: 80,
        ToPort: 80,
        SourceSecurityGroupId: {
          'Fn::GetAtt': ['LoadBalancerSecurityGroup', 'GroupId']
        },
        Description: 'HTTP from the load balancer'
      }
    ])
  })
})

describe('tags and outputs', () => {
  it("adds the centre's tags and the stack tag after a resource's own Name", () => {
    const { template } = build({ tags: 'team=genomics\nName=mine' })

    expect(properties(template, 'Vpc').Tags).toEqual([
      { Key: 'Name', Value: 'mine' },
      { Key: 'team', Value: 'genomics' },
      { Key: 'gen3-poc:stack', Value: { Ref: 'AWS::StackName' } }
    ])
    expect(properties(template, 'TargetGroup').Tags).toEqual([
      { Key: 'team', Value: 'genomics' },
      { Key: 'Name', Value: 'mine' },
      { Key: 'gen3-poc:stack', Value: { Ref: 'AWS::StackName' } }
    ])
  })

  it.each(variants)(
    'has exactly the outputs the other commands read, with %s',
    (_, given) => {
      expect(Object.keys(build(given).template.Outputs ?? {}).sort()).toEqual(
        Object.values(outputKeys).sort()
      )
    }
  )

  it('gives the URL of the domain', () => {
    expect(build().template.Outputs?.Url?.Value).toEqual({
      'Fn::Sub': 'https://${DomainName}'
    })
  })
})

describe('what synthesis returns', () => {
  it('gives the domain and hosted zone as parameter values, and leaves the AMI and Hibernated to deploy', () => {
    expect(
      build({ domain: 'gen3.example.edu', 'hosted-zone-id': 'Z0123456789ABC' })
        .parameters
    ).toEqual({
      DomainName: 'gen3.example.edu',
      HostedZoneId: 'Z0123456789ABC'
    })
    expect(build().parameters).toEqual({})
  })

  it('sends the template as its JSON body', () => {
    const synthesis = build()
    expect(JSON.parse(synthesis.body)).toEqual(synthesis.template)
  })

  it('does not depend on the stack name, so the stack can be named in the console', () => {
    expect(build({ 'stack-name': 'other' }).body).toBe(build().body)
  })

  it('lists the checks it passed', () => {
    expect(build().checks.map((check) => check.name)).toEqual([
      'instance type hibernates',
      'root volume holds the memory image',
      'references resolve',
      'body fits inline',
      'sleep page fits a fixed response'
    ])
  })

  it('reads the repository and server for the sleep page from the environment', () => {
    expect(
      wakeInstructionsFrom({
        GITHUB_REPOSITORY: 'umccr/gen3-poc',
        GITHUB_SERVER_URL: 'https://github.com'
      })
    ).toEqual({ repository: 'umccr/gen3-poc', serverUrl: 'https://github.com' })
    expect(wakeInstructionsFrom({})).toEqual({
      repository: undefined,
      serverUrl: undefined
    })
  })
})

describe('refusing template-specific inputs before anything is built', () => {
  it('refuses an instance type that cannot hibernate', () => {
    expect(problemsOf({ 'instance-type': 'p4d.24xlarge' })).toMatchObject([
      { input: 'instance-type', value: 'p4d.24xlarge' }
    ])
  })

  it('refuses a root volume below the minimum, naming the input, the value and the minimum', () => {
    expect(problemsOf({ 'root-volume-size': '50' })).toEqual([
      {
        input: 'root-volume-size',
        value: '50',
        expected:
          'at least 92 GiB for m5.2xlarge: 32 GiB for its memory when it hibernates, 8 GiB for the system, 20 GiB for container images and 32 GiB for data (or leave it empty)'
      }
    ])
  })

  it('says the whole sentence in the error message', () => {
    expect(() => build({ 'root-volume-size': '91' })).toThrow(
      'input \'root-volume-size\' is "91": expected at least 92 GiB for m5.2xlarge'
    )
  })

  it('sizes the minimum for the instance type asked for', () => {
    expect(
      problemsOf({ 'instance-type': 'r5.4xlarge', 'root-volume-size': '100' })
    ).toMatchObject([
      {
        input: 'root-volume-size',
        expected: expect.stringMatching(
          /^at least 188 GiB for r5\.4xlarge: 128 GiB/
        ) as unknown
      }
    ])
  })
})
