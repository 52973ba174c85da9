import type { InputProblem } from '../errors.js'
import type { Json, Resources } from './cloudformation.js'
import { ref } from './cloudformation.js'
import { parameterNames } from './parameters.js'

export interface Certificate {
  resources: Resources
  certificateArn: Json
}

/**
 * The TLS certificate for the domain: the centre's own, or a new ACM
 * certificate that CloudFormation validates itself by writing the DNS record
 * into the hosted zone (the stack waits until it is issued).
 */
export function certificate(existingArn: string | undefined): Certificate {
  if (existingArn) return { resources: {}, certificateArn: existingArn }

  return {
    resources: {
      Certificate: {
        Type: 'AWS::CertificateManager::Certificate',
        Properties: {
          DomainName: ref(parameterNames.domainName),
          ValidationMethod: 'DNS',
          DomainValidationOptions: [
            {
              DomainName: ref(parameterNames.domainName),
              HostedZoneId: ref(parameterNames.hostedZoneId)
            }
          ]
        }
      }
    },
    certificateArn: ref('Certificate')
  }
}

/**
 * A load balancer only takes an ACM certificate of its own region: the
 * centre's certificate must be in the region the stack goes to.
 */
export function checkCertificateRegion(
  certificateArn: string | undefined,
  region: string
): InputProblem | undefined {
  const certificateRegion = certificateArn?.split(':')[3]
  if (!certificateArn || certificateRegion === region) return undefined
  return {
    input: 'certificate-arn',
    value: certificateArn,
    expected: `a certificate in ${region}, where the stack goes: a load balancer only takes an ACM certificate of its own region, and this one is in ${certificateRegion ?? 'no region'}`
  }
}
