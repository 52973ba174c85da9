import type { Network as NetworkChoice } from '../inputs/schema.js'
import type { Json, Parameter, Resources } from './cloudformation.js'
import { availabilityZone, getAtt, ref, sub } from './cloudformation.js'
import { lifecycleSwitch, parameterNames } from './parameters.js'

/** True while the stack's NAT gateway exists: the commons is awake. */
export const natGatewayCondition = 'HasNatGateway'

/** Where the load balancer and the instance go, and what they wait for. */
export interface Network {
  resources: Resources
  /** The parameters and conditions the network adds to the template. */
  parameters: Record<string, Parameter>
  conditions: Record<string, Json>
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
 * NAT gateways bill by the hour whether or not anything uses them, so the
 * stack removes its own while the commons sleeps and makes it again on resume.
 */
function natGatewayParameter(): Record<string, Parameter> {
  return {
    [parameterNames.natGatewayRemoved]: lifecycleSwitch(
      "true while the instance is hibernated: the NAT gateway is removed, its Elastic IP kept, and the private subnet's route out points at the internet gateway, which an instance without a public address cannot use."
    )
  }
}

/**
 * A new VPC: two public subnets in two zones for the load balancer (it needs
 * two), one private subnet for the instance, and a NAT gateway so that the
 * instance reaches SSM and the container registries without a public address.
 * While NatGatewayRemoved is true there is no NAT gateway; the private route
 * stays, aimed at the internet gateway, so that the instance's dependency on
 * it holds in both states and resume only has to aim it back.
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
        Condition: natGatewayCondition,
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
        DependsOn: 'InternetGatewayAttachment',
        Properties: {
          RouteTableId: ref('PrivateRouteTable'),
          DestinationCidrBlock: '0.0.0.0/0',
          NatGatewayId: {
            'Fn::If': [
              natGatewayCondition,
              ref('NatGateway'),
              ref('AWS::NoValue')
            ]
          },
          GatewayId: {
            'Fn::If': [
              natGatewayCondition,
              ref('AWS::NoValue'),
              ref('InternetGateway')
            ]
          }
        }
      },
      PrivateSubnetRouteTableAssociation: association(
        'PrivateSubnet',
        'PrivateRouteTable'
      )
    },
    parameters: natGatewayParameter(),
    conditions: {
      [natGatewayCondition]: {
        'Fn::Equals': [ref(parameterNames.natGatewayRemoved), 'false']
      }
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
    parameters: {},
    conditions: {},
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
