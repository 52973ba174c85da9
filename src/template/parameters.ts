import type { Parameter } from './cloudformation.js'
import type { Architecture } from './instance-types.js'

/** The template's parameters, by the names deploy and the lifecycle use. */
export const parameterNames = {
  domainName: 'DomainName',
  hostedZoneId: 'HostedZoneId',
  imageId: 'ImageId',
  hibernated: 'Hibernated',
  natGatewayRemoved: 'NatGatewayRemoved'
} as const

/**
 * A 'false'/'true' parameter that hibernate and resume flip: false at
 * create, kept by every deploy after.
 */
export function lifecycleSwitch(description: string): Parameter {
  return {
    Type: 'String',
    Description: `${description} Set by the hibernate and resume commands.`,
    AllowedValues: ['false', 'true'],
    Default: 'false'
  }
}

/**
 * AWS's public SSM parameter naming the newest Amazon Linux 2023 AMI for an
 * architecture. AL2023 supports hibernation from its 2023.09.20 release on
 * x86_64 and its 2024.07.01 release on arm64 (AWS docs: "Prerequisites for
 * EC2 instance hibernation", AMIs), so the newest one always qualifies.
 */
export function imageParameterName(architecture: Architecture): string {
  return `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${architecture}`
}

/**
 * The commons' name and zone are parameters, so that the rendered template
 * serves any centre from the console. ImageId is a plain AMI id rather than
 * an SSM parameter type: CloudFormation resolves those again on every update
 * and would replace the instance, and its database, when AWS publishes a new
 * AMI. Deploy resolves the AMI once and passes the same id ever after.
 */
export function stackParameters(
  architecture: Architecture
): Record<string, Parameter> {
  return {
    [parameterNames.domainName]: {
      Type: 'String',
      Description:
        'Fully qualified name the commons is served at, such as gen3.example.org.',
      MaxLength: 253,
      AllowedPattern:
        '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$',
      ConstraintDescription:
        'a lower-case domain name of letters, digits and hyphens, such as gen3.example.org'
    },
    [parameterNames.hostedZoneId]: {
      Type: 'AWS::Route53::HostedZone::Id',
      Description: 'Route53 public hosted zone that holds DomainName.'
    },
    [parameterNames.imageId]: {
      Type: 'AWS::EC2::Image::Id',
      Description: `Amazon Linux 2023 AMI for the instance (${architecture}): the value of the public SSM parameter ${imageParameterName(architecture)} when the stack is created. Keep it unchanged on updates: a new AMI replaces the instance and its data.`
    }
  }
}
