import type { Resources } from './cloudformation.js'
import { getAtt, ref } from './cloudformation.js'
import { parameterNames } from './parameters.js'

/**
 * The domain's A record, an alias of the load balancer. Its target health is
 * not evaluated: there is no other record to fall back to, and the load
 * balancer answers even while the commons sleeps.
 */
export function domainRecord(loadBalancer: string): Resources {
  return {
    DomainRecord: {
      Type: 'AWS::Route53::RecordSet',
      Properties: {
        HostedZoneId: ref(parameterNames.hostedZoneId),
        Name: ref(parameterNames.domainName),
        Type: 'A',
        AliasTarget: {
          DNSName: getAtt(loadBalancer, 'DNSName'),
          HostedZoneId: getAtt(loadBalancer, 'CanonicalHostedZoneID'),
          EvaluateTargetHealth: false
        }
      }
    }
  }
}
