import { InputError } from '../errors.js'
import type { Inputs } from '../inputs/schema.js'
import { certificate } from './certificate.js'
import type { Check } from './checks.js'
import { checkTemplate } from './checks.js'
import type { Json, Output, Parameter, Resource } from './cloudformation.js'
import { domainRecord } from './dns.js'
import { instance, instanceName } from './instance.js'
import { instanceRole } from './instance-role.js'
import type { InstanceType } from './instance-types.js'
import {
  checkInstanceType,
  hibernationMemoryLimitGiB
} from './instance-types.js'
import { loadBalancer, loadBalancerNames } from './load-balancer.js'
import { network } from './network.js'
import { stackOutputs } from './outputs.js'
import {
  imageParameterName,
  parameterNames,
  stackParameters
} from './parameters.js'
import type { RootVolume } from './root-volume.js'
import { checkRootVolume, rootVolumeRoom } from './root-volume.js'
import { securityGroups } from './security-groups.js'
import type { WakeInstructions } from './sleep-page.js'
import {
  hibernatedConditions,
  hibernatedParameter,
  sleepPageBodies,
  sleepPageRules
} from './sleep-page.js'
import { tagged } from './tags.js'

/** A CloudFormation template as a plain object. */
export interface Template {
  AWSTemplateFormatVersion: '2010-09-09'
  Description: string
  Metadata?: Record<string, Json>
  Parameters?: Record<string, Parameter>
  Conditions?: Record<string, Json>
  Resources: Record<string, Resource>
  Outputs?: Record<string, Output>
}

/** Which of the stack's shapes was built. */
export interface Variant {
  network: 'new' | 'existing'
  certificate: 'new' | 'existing'
}

/** What synth produces and deploy sends. */
export interface Synthesis {
  template: Template
  /** The template as CloudFormation receives it (JSON text). */
  body: string
  /**
   * Values for the template's parameters that the inputs give: DomainName and
   * HostedZoneId when known. ImageId is resolved at deploy; Hibernated keeps
   * its default on create and its previous value on update.
   */
  parameters: Record<string, string>
  /** The public SSM parameter deploy resolves the AMI from, once. */
  imageParameterName: string
  variant: Variant
  instanceType: InstanceType
  rootVolume: RootVolume
  /** The checks the inputs and the template passed, in order. */
  checks: Check[]
}

/**
 * The template-specific checks of the inputs. The root volume's minimum
 * depends on the instance type, so a bad type is reported alone.
 */
function checkInputs(inputs: Inputs): {
  instanceType: InstanceType
  rootVolume: RootVolume
  checks: Check[]
} {
  const type = checkInstanceType(inputs.instanceType)
  if ('problem' in type) throw new InputError([type.problem])
  const volume = checkRootVolume(inputs.rootVolumeSize, type.instanceType)
  if ('problem' in volume) throw new InputError([volume.problem])

  const { instanceType } = type
  const { rootVolume } = volume
  const { systemGiB, imagesGiB, dataGiB } = rootVolumeRoom
  return {
    instanceType,
    rootVolume,
    checks: [
      {
        name: 'instance type hibernates',
        detail: `${instanceType.name}: the ${instanceType.family} family supports hibernation, ${instanceType.memoryGiB} GiB of memory is under ${hibernationMemoryLimitGiB} GiB, not bare metal`
      },
      {
        name: 'root volume holds the memory image',
        detail: `${rootVolume.sizeGiB} GiB encrypted gp3, at least the ${rootVolume.minimumGiB} GiB needed: ${Math.ceil(instanceType.memoryGiB)} memory + ${systemGiB} system + ${imagesGiB} images + ${dataGiB} data`
      }
    ]
  }
}

function describe(variant: Variant): string {
  const where = variant.network === 'new' ? 'a new VPC' : "the centre's VPC"
  const tls =
    variant.certificate === 'new'
      ? 'a new ACM certificate'
      : "the centre's certificate"
  return `Gen3 data commons proof-of-concept: compose-services on one hibernation-ready EC2 instance behind an HTTPS load balancer, in ${where}, with ${tls}.`
}

/**
 * Builds the whole proof-of-concept stack from the inputs. No AWS call.
 * Throws an InputError naming instance-type or root-volume-size when they
 * cannot work, before anything is written.
 */
export function synthesise(
  inputs: Inputs,
  wake: WakeInstructions = {}
): Synthesis {
  const inputChecks = checkInputs(inputs)
  const { instanceType, rootVolume } = inputChecks
  const variant: Variant = {
    network: inputs.network.kind,
    certificate: inputs.certificateArn ? 'existing' : 'new'
  }

  const place = network(inputs.network)
  const tls = certificate(inputs.certificateArn)
  const resources = tagged(
    {
      ...place.resources,
      ...securityGroups(place.vpcId, inputs.allowedCidrs),
      ...tls.resources,
      ...loadBalancer({
        vpcId: place.vpcId,
        publicSubnetIds: place.publicSubnetIds,
        certificateArn: tls.certificateArn,
        instance: instanceName,
        dependsOn: place.loadBalancerDependsOn
      }),
      ...sleepPageRules(loadBalancerNames.httpsListener, wake),
      ...domainRecord(loadBalancerNames.loadBalancer),
      ...instanceRole(),
      ...instance({
        instanceType,
        rootVolume,
        privateSubnetId: place.privateSubnetId,
        dependsOn: place.instanceDependsOn
      })
    },
    inputs.tags
  )

  const template: Template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: describe(variant),
    Metadata: {
      'AWS::CloudFormation::Interface': {
        ParameterGroups: [
          {
            Label: { default: 'Commons' },
            Parameters: [parameterNames.domainName, parameterNames.hostedZoneId]
          },
          {
            Label: { default: 'Instance' },
            Parameters: [
              parameterNames.imageId,
              parameterNames.hibernated,
              ...Object.keys(place.parameters)
            ]
          }
        ]
      }
    },
    Parameters: {
      ...stackParameters(instanceType.architecture),
      ...hibernatedParameter(),
      ...place.parameters
    },
    Conditions: { ...hibernatedConditions(), ...place.conditions },
    Resources: resources,
    Outputs: stackOutputs()
  }

  const body = JSON.stringify(template, null, 2)
  const { html, json } = sleepPageBodies(wake)
  const templateChecks = checkTemplate(template, body, [html, json])

  return {
    template,
    body,
    parameters: {
      ...(inputs.domain && { [parameterNames.domainName]: inputs.domain }),
      ...(inputs.hostedZoneId && {
        [parameterNames.hostedZoneId]: inputs.hostedZoneId
      })
    },
    imageParameterName: imageParameterName(instanceType.architecture),
    variant,
    instanceType,
    rootVolume,
    checks: [...inputChecks.checks, ...templateChecks]
  }
}
