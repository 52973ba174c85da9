import type { Json, Resources } from './cloudformation.js'
import { getAtt, ref } from './cloudformation.js'
import { securityGroupNames } from './security-groups.js'

export const loadBalancerNames = {
  loadBalancer: 'LoadBalancer',
  targetGroup: 'TargetGroup',
  httpsListener: 'HttpsListener',
  httpListener: 'HttpListener'
} as const

/**
 * AWS's recommended policy: TLS 1.3 with hybrid post-quantum key exchange,
 * and TLS 1.2 with forward-secret ciphers only for older clients (AWS docs:
 * "Security policies for your Application Load Balancer").
 */
export const tlsPolicy = 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09'

/**
 * nginx allows 300 seconds for Gen3's GraphQL and search queries; the load
 * balancer's default of 60 would cut them off with a 504.
 */
export const idleTimeoutSeconds = 300

/**
 * nginx answers /_status itself, so the target is healthy as soon as the
 * proxy runs, while the portal still builds (that takes minutes; / answers
 * 502 until it is done).
 */
export const healthCheckPath = '/_status'

export interface LoadBalancerSettings {
  vpcId: Json
  publicSubnetIds: Json[]
  certificateArn: Json
  instance: string
  dependsOn: string[]
}

export function loadBalancer(settings: LoadBalancerSettings): Resources {
  const { loadBalancer, targetGroup, httpsListener, httpListener } =
    loadBalancerNames
  return {
    [loadBalancer]: {
      Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      ...(settings.dependsOn.length > 0 && { DependsOn: settings.dependsOn }),
      Properties: {
        Type: 'application',
        Scheme: 'internet-facing',
        IpAddressType: 'ipv4',
        Subnets: settings.publicSubnetIds,
        SecurityGroups: [getAtt(securityGroupNames.loadBalancer, 'GroupId')],
        LoadBalancerAttributes: [
          {
            Key: 'idle_timeout.timeout_seconds',
            Value: String(idleTimeoutSeconds)
          },
          {
            Key: 'routing.http.drop_invalid_header_fields.enabled',
            Value: 'true'
          }
        ]
      }
    },
    [targetGroup]: {
      Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
      Properties: {
        TargetType: 'instance',
        Protocol: 'HTTP',
        Port: 80,
        VpcId: settings.vpcId,
        Targets: [{ Id: ref(settings.instance), Port: 80 }],
        HealthCheckProtocol: 'HTTP',
        HealthCheckPath: healthCheckPath,
        HealthCheckIntervalSeconds: 15,
        HealthCheckTimeoutSeconds: 5,
        HealthyThresholdCount: 2,
        UnhealthyThresholdCount: 3,
        Matcher: { HttpCode: '200' },
        TargetGroupAttributes: [
          { Key: 'deregistration_delay.timeout_seconds', Value: '30' }
        ]
      }
    },
    [httpsListener]: {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Properties: {
        LoadBalancerArn: ref(loadBalancer),
        Port: 443,
        Protocol: 'HTTPS',
        SslPolicy: tlsPolicy,
        Certificates: [{ CertificateArn: settings.certificateArn }],
        DefaultActions: [{ Type: 'forward', TargetGroupArn: ref(targetGroup) }]
      }
    },
    [httpListener]: {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Properties: {
        LoadBalancerArn: ref(loadBalancer),
        Port: 80,
        Protocol: 'HTTP',
        DefaultActions: [
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
        ]
      }
    }
  }
}
