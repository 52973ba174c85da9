import type { Output } from './cloudformation.js'
import { getAtt, ref, sub } from './cloudformation.js'
import { instanceName } from './instance.js'
import { loadBalancerNames } from './load-balancer.js'
import { parameterNames } from './parameters.js'
import { securityGroupNames } from './security-groups.js'

/**
 * The outputs every other command reads (src/stack/commons.ts names the same
 * keys; a test keeps the two lists equal).
 */
export function stackOutputs(): Record<string, Output> {
  const { loadBalancer, targetGroup, httpsListener, httpListener } =
    loadBalancerNames
  return {
    Url: {
      Description: 'HTTPS address of the commons',
      Value: sub(`https://\${${parameterNames.domainName}}`)
    },
    InstanceId: {
      Description: 'The instance that runs compose-services',
      Value: ref(instanceName)
    },
    LoadBalancerDnsName: {
      Description: "The load balancer's DNS name",
      Value: getAtt(loadBalancer, 'DNSName')
    },
    TargetGroupArn: {
      Description: 'The target group of the instance',
      Value: ref(targetGroup)
    },
    HttpsListenerArn: {
      Description: 'The HTTPS listener, where the sleep page rules go',
      Value: ref(httpsListener)
    },
    HttpListenerArn: {
      Description: 'The HTTP listener, which redirects to HTTPS',
      Value: ref(httpListener)
    },
    LoadBalancerSecurityGroupId: {
      Description: "The load balancer's security group",
      Value: getAtt(securityGroupNames.loadBalancer, 'GroupId')
    },
    InstanceSecurityGroupId: {
      Description: "The instance's security group",
      Value: getAtt(securityGroupNames.instance, 'GroupId')
    }
  }
}
