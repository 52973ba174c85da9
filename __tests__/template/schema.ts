import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec'
import type {
  Property,
  PropertyType,
  Resource as ResourceSpec
} from '@aws-cdk/service-spec-types'

import type { Json } from '../../src/template/cloudformation.js'
import { pseudoParameters } from '../../src/template/cloudformation.js'
import type { Template } from '../../src/template/synthesise.js'

/**
 * Checks a template against the official CloudFormation resource schemas as
 * npm @aws-cdk/aws-service-spec ships them, independently of the generator's
 * own checks: every type and property known, of the right kind, required
 * properties present, and every reference resolving to something that
 * exists, with the attribute asked for, under the given parameter values.
 */
const database = loadAwsServiceSpecSync()

function specOf(type: string): ResourceSpec | undefined {
  return database.lookup('resource', 'cloudFormationType', 'equals', type)[0]
}

const intrinsicNames = new Set([
  'Ref',
  'Fn::GetAtt',
  'Fn::Sub',
  'Fn::Join',
  'Fn::Select',
  'Fn::GetAZs',
  'Fn::If',
  'Fn::Split',
  'Fn::Base64',
  'Fn::Cidr',
  'Fn::FindInMap',
  'Fn::ImportValue'
])

function isObject(value: Json): value is { readonly [key: string]: Json } {
  return typeof value === 'object' && !Array.isArray(value)
}

function intrinsicOf(value: Json): string | undefined {
  if (!isObject(value)) return undefined
  const keys = Object.keys(value)
  const [key] = keys
  return keys.length === 1 && key && intrinsicNames.has(key) ? key : undefined
}

/** Intrinsics whose result is always a string. */
const stringIntrinsics = new Set(['Fn::Sub', 'Fn::Join', 'Fn::Base64'])

function typeProblems(value: Json, type: PropertyType, at: string): string[] {
  const intrinsic = intrinsicOf(value)
  if (intrinsic) {
    const wantsString =
      type.type === 'string' ||
      type.type === 'date-time' ||
      type.type === 'json'
    return stringIntrinsics.has(intrinsic) &&
      !wantsString &&
      type.type !== 'union'
      ? [`${at}: ${intrinsic} gives a string where a ${type.type} is expected`]
      : []
  }

  switch (type.type) {
    case 'string':
    case 'date-time':
      return typeof value === 'string'
        ? []
        : [`${at}: expected a string, got ${JSON.stringify(value)}`]
    case 'number':
    case 'integer':
      return typeof value === 'number'
        ? []
        : [`${at}: expected a number, got ${JSON.stringify(value)}`]
    case 'boolean':
      return typeof value === 'boolean'
        ? []
        : [`${at}: expected a boolean, got ${JSON.stringify(value)}`]
    case 'json':
      return typeof value === 'object'
        ? []
        : [`${at}: expected a JSON object, got ${JSON.stringify(value)}`]
    case 'null':
      return []
    case 'tag':
      return isObject(value) &&
        typeof value.Key === 'string' &&
        Object.keys(value).every((key) => key === 'Key' || key === 'Value')
        ? []
        : [`${at}: expected a tag {Key, Value}, got ${JSON.stringify(value)}`]
    case 'array':
      return Array.isArray(value)
        ? (value as Json[]).flatMap((item, index) =>
            typeProblems(item, type.element, `${at}[${index}]`)
          )
        : [`${at}: expected a list, got ${JSON.stringify(value)}`]
    case 'map':
      return isObject(value)
        ? Object.entries(value).flatMap(([key, item]) =>
            typeProblems(item, type.element, `${at}.${key}`)
          )
        : [`${at}: expected a map, got ${JSON.stringify(value)}`]
    case 'union': {
      const attempts = type.types.map((option) =>
        typeProblems(value, option, at)
      )
      return attempts.some((problems) => problems.length === 0)
        ? []
        : [`${at}: matches none of ${type.types.map((t) => t.type).join(', ')}`]
    }
    case 'ref': {
      if (!isObject(value)) {
        return [`${at}: expected an object, got ${JSON.stringify(value)}`]
      }
      const definition = database.get('typeDefinition', type.reference)
      return propertiesProblems(value, definition.properties, at)
    }
  }
}

function propertyProblems(
  value: Json,
  property: Property,
  at: string
): string[] {
  const current = typeProblems(value, property.type, at)
  if (current.length === 0) return []
  const earlier = (property.previousTypes ?? []).some(
    (type) => typeProblems(value, type, at).length === 0
  )
  return earlier ? [] : current
}

function propertiesProblems(
  value: { readonly [key: string]: Json },
  properties: Record<string, Property>,
  at: string
): string[] {
  const problems: string[] = []
  for (const [name, item] of Object.entries(value)) {
    const property = properties[name]
    if (!property) {
      problems.push(`${at}.${name}: no such property`)
      continue
    }
    problems.push(...propertyProblems(item, property, `${at}.${name}`))
  }
  for (const [name, property] of Object.entries(properties)) {
    if (property.required && !(name in value)) {
      problems.push(`${at}.${name}: required but missing`)
    }
  }
  return problems
}

function evaluate(
  condition: Json,
  template: Template,
  values: Record<string, string>
): boolean | string {
  if (!isObject(condition)) return false
  const [[name, argument] = ['', '']] = Object.entries(condition)
  const resolve = (item: Json): Json => {
    if (isObject(item) && typeof item.Ref === 'string') {
      return (
        values[item.Ref] ??
        template.Parameters?.[item.Ref]?.Default ??
        '(unset)'
      )
    }
    return item
  }
  const args = Array.isArray(argument) ? (argument as Json[]) : [argument]
  switch (name) {
    case 'Fn::Equals':
      return resolve(args[0] ?? '') === resolve(args[1] ?? '')
    case 'Fn::Not':
      return !evaluate(args[0] ?? '', template, values)
    case 'Fn::And':
      return args.every((item) => evaluate(item, template, values) === true)
    case 'Fn::Or':
      return args.some((item) => evaluate(item, template, values) === true)
    case 'Condition':
      return evaluate(
        template.Conditions?.[typeof argument === 'string' ? argument : ''] ??
          '',
        template,
        values
      )
    default:
      return `unknown condition function ${name}`
  }
}

/**
 * The references a value makes: [logical id, attribute or undefined]. Of an
 * Fn::If, only the branch its condition chooses counts.
 */
function references(
  value: Json,
  conditions: Record<string, boolean>
): [string, string | undefined][] {
  if (Array.isArray(value)) {
    return (value as Json[]).flatMap((item) => references(item, conditions))
  }
  if (!isObject(value)) return []
  const intrinsic = intrinsicOf(value)
  if (intrinsic === 'Fn::If') {
    const [condition, whenTrue, whenFalse] = value['Fn::If'] as Json[]
    const chosen =
      typeof condition === 'string' && conditions[condition]
        ? whenTrue
        : whenFalse
    return references(chosen ?? '', conditions)
  }
  if (intrinsic === 'Ref' && typeof value.Ref === 'string') {
    return [[value.Ref, undefined]]
  }
  if (intrinsic === 'Fn::GetAtt') {
    const [resource, attribute] = value['Fn::GetAtt'] as string[]
    return [[String(resource), String(attribute)]]
  }
  if (intrinsic === 'Fn::Sub' && typeof value['Fn::Sub'] === 'string') {
    return [...value['Fn::Sub'].matchAll(/\$\{([^!}][^}]*)\}/g)].map(
      (match) => {
        const [name = '', ...attribute] = (match[1] ?? '').split('.')
        return [name, attribute.length > 0 ? attribute.join('.') : undefined]
      }
    )
  }
  return Object.values(value).flatMap((item) => references(item, conditions))
}

/** Every problem of the template with the given parameter values. */
export function schemaProblems(
  template: Template,
  values: Record<string, string>
): string[] {
  const problems: string[] = []
  const conditions: Record<string, boolean> = {}
  for (const [name, condition] of Object.entries(template.Conditions ?? {})) {
    const result = evaluate(condition, template, values)
    if (typeof result === 'string')
      problems.push(`condition ${name}: ${result}`)
    conditions[name] = result === true
  }

  const active = new Map(
    Object.entries(template.Resources).filter(
      ([, resource]) =>
        resource.Condition === undefined || conditions[resource.Condition]
    )
  )
  const parameters = new Set(Object.keys(template.Parameters ?? {}))

  const checkReferences = (value: Json, at: string) => {
    for (const [name, attribute] of references(value, conditions)) {
      const target = active.get(name)
      if (attribute === undefined) {
        const known =
          target !== undefined ||
          parameters.has(name) ||
          (pseudoParameters as readonly string[]).includes(name)
        if (!known) problems.push(`${at}: ${name} is not defined here`)
        continue
      }
      if (!target) {
        problems.push(`${at}: ${name}.${attribute} names no resource here`)
        continue
      }
      const spec = specOf(target.Type)
      if (spec && !(attribute in spec.attributes)) {
        problems.push(
          `${at}: ${target.Type} has no attribute ${attribute} (it has ${Object.keys(spec.attributes).join(', ')})`
        )
      }
    }
  }

  for (const [name, resource] of active) {
    const spec = specOf(resource.Type)
    if (!spec) {
      problems.push(`${name}: unknown resource type ${resource.Type}`)
      continue
    }
    problems.push(
      ...propertiesProblems(resource.Properties ?? {}, spec.properties, name)
    )
    checkReferences(resource.Properties ?? {}, name)
    const dependsOn = resource.DependsOn ?? []
    for (const target of Array.isArray(dependsOn) ? dependsOn : [dependsOn]) {
      if (!active.has(target)) {
        problems.push(`${name}: DependsOn ${target}, which is not defined here`)
      }
    }
  }

  for (const [name, output] of Object.entries(template.Outputs ?? {})) {
    checkReferences(output.Value, `output ${name}`)
  }

  return problems
}

/** The resources the schemas say take tags, and the tags they were given. */
export function taggableResources(
  template: Template
): { name: string; type: string; tags: Json | undefined }[] {
  return Object.entries(template.Resources)
    .filter(([, resource]) => specOf(resource.Type)?.tagInformation)
    .map(([name, resource]) => ({
      name,
      type: resource.Type,
      tags: resource.Properties?.[
        specOf(resource.Type)?.tagInformation?.tagPropertyName ?? 'Tags'
      ]
    }))
}
