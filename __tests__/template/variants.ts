import { readDeclarations } from '../../src/inputs/declarations.js'
import { readInputs } from '../../src/inputs/read.js'
import type { Inputs } from '../../src/inputs/schema.js'
import { RecordingReporter } from '../fixtures/reporter.js'

const declarations = readDeclarations(
  new URL('../../action.yml', import.meta.url)
).inputs

/** The inputs a workflow would give, with action.yml's defaults for the rest. */
export function inputsFor(given: Record<string, string> = {}): Inputs {
  return readInputs(
    (name) => given[name],
    declarations,
    new RecordingReporter()
  )
}

export const existingCertificate =
  'arn:aws:acm:ap-southeast-2:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789'

export const existingVpc = {
  'vpc-id': 'vpc-0123456789abcdef0',
  'public-subnet-ids': 'subnet-0aaaaaaaaaaaaaaaa, subnet-0bbbbbbbbbbbbbbbb',
  'private-subnet-id': 'subnet-0cccccccccccccccc'
}

/** The four shapes of the stack: new or existing VPC, new or existing certificate. */
export const variants: [string, Record<string, string>][] = [
  ['a new VPC and a new certificate', {}],
  [
    'a new VPC and an existing certificate',
    { 'certificate-arn': existingCertificate }
  ],
  ['an existing VPC and a new certificate', existingVpc],
  [
    'an existing VPC and an existing certificate',
    { ...existingVpc, 'certificate-arn': existingCertificate }
  ]
]
