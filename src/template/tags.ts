import type { Json, Resources } from './cloudformation.js'
import { ref } from './cloudformation.js'

/** The tag every resource of the stack carries, valued with its name. */
export const stackTagKey = 'gen3-poc:stack'

/**
 * The types in our stacks that take a Tags list, by the CloudFormation
 * schemas. Listeners and listener rules take tags in the newest schemas but
 * not in those cfn-lint 1.45.0 checks against, so they are left untagged.
 */
export const taggableTypes = new Set([
  'AWS::CertificateManager::Certificate',
  'AWS::EC2::EIP',
  'AWS::EC2::Instance',
  'AWS::EC2::InternetGateway',
  'AWS::EC2::NatGateway',
  'AWS::EC2::RouteTable',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::Subnet',
  'AWS::EC2::VPC',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancingV2::TargetGroup',
  'AWS::IAM::Role'
])

function keyOf(tag: Json): string | undefined {
  if (typeof tag !== 'object' || Array.isArray(tag)) return undefined
  const key = (tag as Record<string, Json>).Key
  return typeof key === 'string' ? key : undefined
}

/**
 * Adds the centre's tags and the stack tag to every taggable resource,
 * after the resource's own (its Name). A key given twice keeps the last.
 */
export function tagged(
  resources: Resources,
  extraTags: Record<string, string>
): Resources {
  const common: Json[] = [
    ...Object.entries(extraTags).map(([Key, Value]) => ({ Key, Value })),
    { Key: stackTagKey, Value: ref('AWS::StackName') }
  ]

  return Object.fromEntries(
    Object.entries(resources).map(([name, resource]) => {
      if (!taggableTypes.has(resource.Type)) return [name, resource]

      const own = resource.Properties?.Tags
      const byKey = new Map<string, Json>()
      const ownTags: readonly Json[] = Array.isArray(own)
        ? (own as readonly Json[])
        : []
      for (const tag of [...ownTags, ...common]) {
        byKey.set(keyOf(tag) ?? '', tag)
      }
      return [
        name,
        {
          ...resource,
          Properties: { ...resource.Properties, Tags: [...byKey.values()] }
        }
      ]
    })
  )
}
