import { parseCidr } from '../inputs/formats.js'
import type { Json, Resources } from './cloudformation.js'
import { getAtt, sub } from './cloudformation.js'

export const securityGroupNames = {
  loadBalancer: 'LoadBalancerSecurityGroup',
  instance: 'InstanceSecurityGroup'
} as const

function ingress(range: string, port: number, what: string): Json {
  const family = parseCidr(range)?.family
  return {
    IpProtocol: 'tcp',
    FromPort: port,
    ToPort: port,
    ...(family === 'ipv6' ? { CidrIpv6: range } : { CidrIp: range }),
    Description: `${what} from ${range}`
  }
}

/**
 * The load balancer takes 443 and 80 from the allowed ranges and may only
 * talk to the instance on 80. The instance takes 80 from the load balancer
 * and nothing else: compose-services also publishes Elasticsearch and Kibana
 * on the host without authentication. Its rule from the load balancer is a
 * resource of its own, so that the two groups can name each other.
 */
export function securityGroups(vpcId: Json, allowedCidrs: string[]): Resources {
  const { loadBalancer, instance } = securityGroupNames
  return {
    [loadBalancer]: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription:
          'Gen3 POC load balancer: HTTPS and HTTP from the allowed ranges',
        VpcId: vpcId,
        SecurityGroupIngress: allowedCidrs.flatMap((range) => [
          ingress(range, 443, 'HTTPS'),
          ingress(range, 80, 'HTTP redirected to HTTPS')
        ]),
        SecurityGroupEgress: [
          {
            IpProtocol: 'tcp',
            FromPort: 80,
            ToPort: 80,
            DestinationSecurityGroupId: getAtt(instance, 'GroupId'),
            Description: 'HTTP to the instance'
          }
        ],
        Tags: [{ Key: 'Name', Value: sub('${AWS::StackName}-load-balancer') }]
      }
    },
    [instance]: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription:
          'Gen3 POC instance: HTTP from the load balancer only; all outbound',
        VpcId: vpcId,
        SecurityGroupEgress: [
          {
            IpProtocol: '-1',
            CidrIp: '0.0.0.0/0',
            Description: 'SSM, container registries and package updates'
          }
        ],
        Tags: [{ Key: 'Name', Value: sub('${AWS::StackName}-instance') }]
      }
    },
    InstanceIngressFromLoadBalancer: {
      Type: 'AWS::EC2::SecurityGroupIngress',
      Properties: {
        GroupId: getAtt(instance, 'GroupId'),
        IpProtocol: 'tcp',
        FromPort: 80,
        ToPort: 80,
        SourceSecurityGroupId: getAtt(loadBalancer, 'GroupId'),
        Description: 'HTTP from the load balancer'
      }
    }
  }
}
