import { NotAvailableError } from '../errors.js'
import type { Inputs } from '../inputs/schema.js'

/** A CloudFormation template as a plain object. */
export interface Template {
  AWSTemplateFormatVersion: '2010-09-09'
  Description: string
  Parameters?: Record<string, Record<string, unknown>>
  Conditions?: Record<string, unknown>
  Resources: Record<string, { Type: string } & Record<string, unknown>>
  Outputs?: Record<string, Record<string, unknown>>
  [section: string]: unknown
}

/** What synth produces and deploy sends. */
export interface Synthesis {
  template: Template
  /** The template as CloudFormation receives it (JSON text). */
  body: string
  /** Values for the template's parameters; ImageId is resolved at deploy. */
  parameters: Record<string, string>
  /** The public SSM parameter deploy resolves the AMI from, once. */
  imageParameterName: string
}

/** Builds the whole proof-of-concept stack from the inputs. No AWS call. */
export function synthesise(inputs: Inputs): Synthesis {
  throw new NotAvailableError(`synth for ${inputs.stackName}`)
}
