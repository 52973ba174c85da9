import type { Network as NetworkChoice } from '../inputs/schema.js'
import type { Json, Resources } from './cloudformation.js'
import { availabilityZone, getAtt, ref, sub } from './cloudformation.js'

/** Where the load balancer and the instance go, and what they wait for. */
export interface Network {
  resources: Resources
  vpcId: Json
  publicSubnetIds: Json[]
  privateSubnetId: Json
  /** Resources the load balancer needs first (the internet gateway). */
  loadBalancerDependsOn: string[]
  /** Resources the instance needs first (its route out, for SSM and images). */
  instanceDependsOn: string[]
}

/**
 * The four quarters of an IPv4 range: 10.42.0.0/16 gives 10.42.0.0/18,
 * 10.42.64.0/18, 10.42.128.0/18 and 10.42.192.0/18.
 */
export function quarters(cidr: string): string[] {
  const [address = '', prefixText = ''] = cidr.split('/')
  const prefix = Number(prefixText)
  const start = address
    .split('.')
    .reduce((sum, octet) => sum * 256 + Number(octet), 0)
  const size = 2 ** (32 - prefix - 2)

  return [0, 1, 2, 3].map((quarter) => {
    const first = start + quarter * size
    const octets = [24, 16, 8, 0].map((shift) =>
      String(Math.floor(first / 2 ** shift) % 256)
    )
    return `${octets.join('.')}/${prefix + 2}`
  })
}

function named(name: string): Json[] {
  return [{ Key: 'Name', Value: sub(`\${AWS::StackName}-${name}`) }]
}

/**
 * A new VPC: two public subnets in two zones for the load balancer (it needs
 * two), one private subnet for the instance, and a NAT gateway so that the
 * instance reaches SSM and the container registries without a public address.
 */
function newNetwork(cidr: string): Network {
  const [publicA = '', publicB = '', privateRange = ''] = quarters(cidr)
  const subnet = (range: string, zone: number, name: string) => ({
    Type: 'AWS::EC2::Subnet',
    Properties: {
      VpcId: ref('Vpc'),
      CidrBlock: range,
      AvailabilityZone: availabilityZone(zone),
      MapPublicIpOnLaunch: false,
      Tags: named(name)
    }
  })
  const association = (subnetId: string, routeTable: string) => ({
    Type: 'AWS::EC2::SubnetRouteTableAssociation',
    Properties: { SubnetId: ref(subnetId), RouteTableId: ref(routeTable) }
  })

  return {
    resources: {
      Vpc: {
        Type: 'AWS::EC2::VPC',
        Properties: {
          CidrBlock: cidr,
          EnableDnsSupport: true,
          EnableDnsHostnames: true,
          Tags: named('vpc')
        }
      },
      InternetGateway: {
        Type: 'AWS::EC2::InternetGateway',
        Properties: { Tags: named('internet-gateway') }
      },
      InternetGatewayAttachment: {
        Type: 'AWS::EC2::VPCGatewayAttachment',
        Properties: {
          VpcId: ref('Vpc'),
          InternetGatewayId: ref('InternetGateway')
        }
      },
      PublicSubnetA: subnet(publicA, 0, 'public-a'),
      PublicSubnetB: subnet(publicB, 1, 'public-b'),
      PrivateSubnet: subnet(privateRange, 0, 'private'),
      PublicRouteTable: {
        Type: 'AWS::EC2::RouteTable',
        Properties: { VpcId: ref('Vpc'), Tags: named('public') }
      },
      PublicRoute: {
        Type: 'AWS::EC2::Route',
        DependsOn: 'InternetGatewayAttachment',
        Properties: {
          RouteTableId: ref('PublicRouteTable'),
          DestinationCidrBlock: '0.0.0.0/0',
          GatewayId: ref('InternetGateway')
        }
      },
      PublicSubnetARouteTableAssociation: association(
        'PublicSubnetA',
        'PublicRouteTable'
      ),
      PublicSubnetBRouteTableAssociation: association(
        'PublicSubnetB',
        'PublicRouteTable'
      ),
      NatElasticIp: {
        Type: 'AWS::EC2::EIP',
        DependsOn: 'InternetGatewayAttachment',
        Properties: { Domain: 'vpc', Tags: named('nat') }
      },
      NatGateway: {
        Type: 'AWS::EC2::NatGateway',
        Properties: {
          AllocationId: getAtt('NatElasticIp', 'AllocationId'),
          SubnetId: ref('PublicSubnetA'),
          Tags: named('nat')
        }
      },
      PrivateRouteTable: {
        Type: 'AWS::EC2::RouteTable',
        Properties: { VpcId: ref('Vpc'), Tags: named('private') }
      },
      PrivateRoute: {
        Type: 'AWS::EC2::Route',
        Properties: {
          RouteTableId: ref('PrivateRouteTable'),
          DestinationCidrBlock: '0.0.0.0/0',
          NatGatewayId: ref('NatGateway')
        }
      },
      PrivateSubnetRouteTableAssociation: association(
        'PrivateSubnet',
        'PrivateRouteTable'
      )
    },
    vpcId: ref('Vpc'),
    publicSubnetIds: [ref('PublicSubnetA'), ref('PublicSubnetB')],
    privateSubnetId: ref('PrivateSubnet'),
    loadBalancerDependsOn: ['PublicRoute'],
    instanceDependsOn: ['PrivateRoute', 'PrivateSubnetRouteTableAssociation']
  }
}

/** The centre's own VPC: nothing is created, its ids are used as given. */
function existingNetwork(
  choice: Extract<NetworkChoice, { kind: 'existing' }>
): Network {
  return {
    resources: {},
    vpcId: choice.vpcId,
    publicSubnetIds: choice.publicSubnetIds,
    privateSubnetId: choice.privateSubnetId,
    loadBalancerDependsOn: [],
    instanceDependsOn: []
  }
}

export function network(choice: NetworkChoice): Network {
  return choice.kind === 'new'
    ? newNetwork(choice.cidr)
    : existingNetwork(choice)
}
