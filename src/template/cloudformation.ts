/** A value as a CloudFormation template holds it. */
export type Json =
  string | number | boolean | readonly Json[] | { readonly [key: string]: Json }

/** One resource of a template. */
export type Resource = {
  Type: string
  Condition?: string
  DependsOn?: string | string[]
  Properties?: Record<string, Json>
}

export type Resources = Record<string, Resource>

export type Parameter = {
  Type: string
  Description: string
  Default?: string
  AllowedValues?: string[]
  AllowedPattern?: string
  MaxLength?: number
  ConstraintDescription?: string
}

export type Output = { Description: string; Value: Json }

/** The pseudo parameters CloudFormation defines in every stack. */
export const pseudoParameters = [
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix'
] as const

export function ref(name: string): Json {
  return { Ref: name }
}

export function getAtt(resource: string, attribute: string): Json {
  return { 'Fn::GetAtt': [resource, attribute] }
}

export function sub(text: string): Json {
  return { 'Fn::Sub': text }
}

/** The nth availability zone of the stack's region. */
export function availabilityZone(index: number): Json {
  return { 'Fn::Select': [index, { 'Fn::GetAZs': '' }] }
}
