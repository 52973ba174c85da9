import type { Json, Resource } from './cloudformation.js'
import { pseudoParameters } from './cloudformation.js'
import { fixedResponseLimit } from './sleep-page.js'
import type { Template } from './synthesise.js'

/** One thing the template was checked for, said as what holds. */
export interface Check {
  name: string
  detail: string
}

/** CloudFormation refuses a larger TemplateBody; larger needs S3. */
export const inlineBodyLimit = 51_200

/**
 * The generator produced a template that breaks one of its own rules: a bug
 * in this action, not in the centre's inputs.
 */
export class TemplateCheckError extends Error {
  constructor(check: string, problems: string[]) {
    super(
      `The synthesised template failed the check '${check}': ${problems.join('; ')}. This is a bug in the action: please report it with your inputs.`
    )
    this.name = 'TemplateCheckError'
  }
}

interface Reference {
  from: string
  kind: 'Ref' | 'Fn::GetAtt' | 'Fn::Sub' | 'DependsOn'
  target: string
  /** The condition of the Fn::If whose true branch holds the reference. */
  when?: string
}

/** The names a ${…} in an Fn::Sub string refers to (not ${!literal}). */
function subNames(text: string): string[] {
  return [...text.matchAll(/\$\{([^!}][^}]*)\}/g)].map(
    (match) => (match[1] ?? '').split('.')[0] ?? ''
  )
}

function referencesIn(
  value: Json | undefined,
  from: string,
  when?: string
): Reference[] {
  if (value === undefined || typeof value !== 'object') return []
  if (Array.isArray(value)) {
    return (value as Json[]).flatMap((item) => referencesIn(item, from, when))
  }

  const entries = Object.entries(value as Record<string, Json>)
  const [only] = entries
  if (entries.length === 1 && only) {
    const [key, argument] = only
    const guarded = when === undefined ? {} : { when }
    if (key === 'Ref' && typeof argument === 'string') {
      return [{ from, kind: 'Ref', target: argument, ...guarded }]
    }
    if (key === 'Fn::GetAtt' && Array.isArray(argument)) {
      return [
        { from, kind: 'Fn::GetAtt', target: String(argument[0]), ...guarded }
      ]
    }
    if (key === 'Fn::Sub' && typeof argument === 'string') {
      return subNames(argument).map((target) => ({
        from,
        kind: 'Fn::Sub' as const,
        target,
        ...guarded
      }))
    }
    // Only the true branch of an Fn::If is evaluated under its condition.
    if (key === 'Fn::If' && Array.isArray(argument)) {
      const [condition, whenTrue, whenFalse] = argument as Json[]
      return [
        ...referencesIn(
          whenTrue,
          from,
          typeof condition === 'string' ? condition : undefined
        ),
        ...referencesIn(whenFalse, from, when)
      ]
    }
  }
  return entries.flatMap(([, item]) => referencesIn(item, from, when))
}

function dependsOn(resource: Resource): string[] {
  const value = resource.DependsOn
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}

/**
 * Every Ref, GetAtt, Sub and DependsOn names a parameter, a resource or a
 * pseudo parameter; a conditional resource is only named by resources under
 * the same condition; every condition a resource names exists.
 */
export function unresolvedReferences(template: Template): string[] {
  const parameters = new Set(Object.keys(template.Parameters ?? {}))
  const conditions = new Set(Object.keys(template.Conditions ?? {}))
  const resources = template.Resources
  const problems: string[] = []

  const references: Reference[] = [
    ...Object.entries(resources).flatMap(([name, resource]) => [
      ...referencesIn(resource.Properties, name),
      ...dependsOn(resource).map((target) => ({
        from: name,
        kind: 'DependsOn' as const,
        target
      }))
    ]),
    ...Object.entries(template.Outputs ?? {}).flatMap(([name, output]) =>
      referencesIn(output.Value, `output ${name}`)
    )
  ]

  for (const reference of references) {
    const target = resources[reference.target]
    const isResource = target !== undefined
    const isParameter =
      reference.kind !== 'Fn::GetAtt' &&
      reference.kind !== 'DependsOn' &&
      (parameters.has(reference.target) ||
        (pseudoParameters as readonly string[]).includes(reference.target))
    if (!isResource && !isParameter) {
      problems.push(
        `${reference.from} names '${reference.target}' in ${reference.kind}, which is not defined`
      )
      continue
    }

    const condition = reference.when ?? resources[reference.from]?.Condition
    if (target?.Condition !== undefined && target.Condition !== condition) {
      problems.push(
        `${reference.from} names '${reference.target}', which exists only when ${target.Condition}`
      )
    }
  }

  for (const [name, resource] of Object.entries(resources)) {
    if (
      resource.Condition !== undefined &&
      !conditions.has(resource.Condition)
    ) {
      problems.push(`${name} has the undefined condition ${resource.Condition}`)
    }
  }

  return problems
}

/** Runs the template's own checks; throws on the first one that fails. */
export function checkTemplate(
  template: Template,
  body: string,
  fixedResponses: readonly string[]
): Check[] {
  const references = unresolvedReferences(template)
  if (references.length > 0) {
    throw new TemplateCheckError('references resolve', references)
  }

  const bytes = Buffer.byteLength(body, 'utf8')
  if (bytes >= inlineBodyLimit) {
    throw new TemplateCheckError('body fits inline', [
      `${bytes} bytes, the limit is ${inlineBodyLimit}`
    ])
  }

  const longest = Math.max(...fixedResponses.map((text) => text.length))
  if (longest > fixedResponseLimit) {
    throw new TemplateCheckError('sleep page fits a fixed response', [
      `a body of ${longest} characters, the limit is ${fixedResponseLimit}`
    ])
  }

  const resourceCount = Object.keys(template.Resources).length
  const outputCount = Object.keys(template.Outputs ?? {}).length
  return [
    {
      name: 'references resolve',
      detail: `every Ref, GetAtt, Sub and DependsOn of the ${resourceCount} resources and ${outputCount} outputs names something defined, under the same condition`
    },
    {
      name: 'body fits inline',
      detail: `${bytes.toLocaleString('en-US')} bytes, under CloudFormation's ${inlineBodyLimit.toLocaleString('en-US')}-byte TemplateBody limit`
    },
    {
      name: 'sleep page fits a fixed response',
      detail: `the longest body has ${longest} of the ${fixedResponseLimit.toLocaleString('en-US')} characters a load balancer fixed response allows`
    }
  ]
}
