import { parameterNames } from '../template/parameters.js'
import type { Synthesis, Template } from '../template/synthesise.js'

// The template's own names, so that a rename there cannot leave these behind.

/** The AMI: resolved once at create, then never changed by deploy. */
export const imageParameter = parameterNames.imageId

/** 'true' while the commons is hibernated; only hibernate and resume flip it. */
export const hibernatedParameter = parameterNames.hibernated

/** 'true' while the stack's NAT gateway is removed; hibernate and resume flip it. */
export const natGatewayRemovedParameter = parameterNames.natGatewayRemoved

/** The switches hibernate and resume own: 'false' on create, kept on update. */
const lifecycleSwitches: readonly string[] = [
  hibernatedParameter,
  natGatewayRemovedParameter
]

/**
 * Parameters deploy keeps at their previous value on every update: a new
 * AMI would replace the instance and lose the database, and a deploy must
 * not wake a hibernated commons, break its sleep page or make its NAT
 * gateway again while it sleeps.
 */
export const keptOnUpdate: readonly string[] = [
  imageParameter,
  ...lifecycleSwitches
]

/** A value for one template parameter, or "keep the previous one". */
export type ParameterChoice =
  { key: string; value: string } | { key: string; usePreviousValue: true }

function declared(template: Template): string[] {
  return Object.keys(template.Parameters ?? {})
}

/**
 * Whether deploy must look the AMI up: on a first create, or when the stack
 * somehow lacks the parameter.
 */
export function needsImage(
  template: Template,
  previous: Record<string, string> | undefined
): boolean {
  return (
    declared(template).includes(imageParameter) &&
    (previous === undefined || !(imageParameter in previous))
  )
}

/**
 * The parameters a deploy sends: the synthesis' values, except ImageId and
 * the lifecycle switches, which keep their previous values on update. Only the template's
 * own parameters are sent; CloudFormation rejects any other.
 */
export function chooseParameters(
  synthesis: Pick<Synthesis, 'template' | 'parameters'>,
  previous: Record<string, string> | undefined,
  imageId: string | undefined
): ParameterChoice[] {
  return declared(synthesis.template).flatMap((key): ParameterChoice[] => {
    if (keptOnUpdate.includes(key) && previous && key in previous) {
      return [{ key, usePreviousValue: true }]
    }
    if (key === imageParameter) {
      if (imageId === undefined) {
        throw new Error(`The ${imageParameter} parameter needs an AMI id.`)
      }
      return [{ key, value: imageId }]
    }
    if (lifecycleSwitches.includes(key)) return [{ key, value: 'false' }]

    const value = synthesis.parameters[key]
    return value === undefined ? [] : [{ key, value }]
  })
}

/**
 * Keeps every parameter of the stack but the ones given, for an update that
 * reuses the previous template.
 */
export function replaceParameters(
  previous: Record<string, string>,
  values: Record<string, string>
): ParameterChoice[] {
  const unknown = Object.keys(values).filter((key) => !(key in previous))
  if (unknown.length > 0) {
    throw new Error(
      `The stack has no parameter ${unknown.join(', ')}: it has ${Object.keys(previous).join(', ')}.`
    )
  }
  return Object.keys(previous).map((key): ParameterChoice => {
    const value = values[key]
    return value === undefined
      ? { key, usePreviousValue: true }
      : { key, value }
  })
}

const iamTypes = /^AWS::IAM::/
const iamNames = [
  'RoleName',
  'InstanceProfileName',
  'ManagedPolicyName',
  'GroupName',
  'UserName'
]

/** The acknowledgement CloudFormation asks for the template's IAM resources. */
export function capabilitiesFor(template: Template): string[] {
  const iam = Object.values(template.Resources).filter((resource) =>
    iamTypes.test(resource.Type)
  )
  if (iam.length === 0) return []

  const named = iam.some((resource) => {
    const properties = resource.Properties
    return (
      properties !== undefined && iamNames.some((name) => name in properties)
    )
  })
  return [named ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM']
}

/** CloudFormation's limit for a template sent inline (AWS docs: CloudFormation quotas). */
export const inlineTemplateLimit = 51_200

/** The template is too large to send without an S3 bucket. */
export class TemplateTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(
      `The template is ${bytes} bytes, and CloudFormation accepts at most ${inlineTemplateLimit} bytes sent inline. ` +
        'Nothing was deployed; the template must shrink (fewer or shorter resources) to deploy without an S3 bucket.'
    )
    this.name = 'TemplateTooLargeError'
  }
}

export function checkTemplateSize(body: string): void {
  const bytes = Buffer.byteLength(body, 'utf8')
  if (bytes > inlineTemplateLimit) throw new TemplateTooLargeError(bytes)
}
