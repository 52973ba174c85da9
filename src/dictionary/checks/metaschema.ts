import { finding, type Finding } from '../findings.js'
import type { Dictionary, DictionaryNode } from '../load.js'
import { type ErrorObject, validators } from '../metaschema.js'
import { allowNulls } from '../nulls.js'
import { child, isMapping, resolveFragment, tokens } from '../pointer.js'
import type { RuleId } from '../rules.js'
import { pathIn, placeIn } from './place.js'
import { resolvedNodes } from './scope.js'
import { choices, kind, names, show } from '../wording.js'

function under(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}/`)
}

function isAlternative(error: ErrorObject): boolean {
  return error.keyword === 'anyOf' || error.keyword === 'oneOf'
}

const priority: Record<string, number> = {
  enum: 0,
  pattern: 1,
  required: 2,
  additionalProperties: 3,
  uniqueItems: 4,
  minItems: 5,
  type: 9
}

function rank(error: ErrorObject): number {
  return priority[error.keyword] ?? 6
}

/**
 * One error per mistake. A draft-04 `anyOf` (type may be a name or a list;
 * additionalProperties a boolean or a schema) fails with an error from each
 * branch: keep the errors deeper inside the value when there are some, or
 * else the most telling one at the value itself.
 */
export function simplify(errors: readonly ErrorObject[]): ErrorObject[] {
  const roots = [
    ...new Set(errors.filter(isAlternative).map((error) => error.instancePath))
  ]
  const outer = roots.filter(
    (root) => !roots.some((other) => other !== root && under(root, other))
  )
  const result = errors.filter(
    (error) => !outer.some((root) => under(error.instancePath, root))
  )
  for (const root of outer) {
    const members = errors.filter((error) => under(error.instancePath, root))
    const deeper = members.filter((error) => error.instancePath !== root)
    if (deeper.length > 0) {
      result.push(...simplify(deeper))
      continue
    }
    const [best] = members
      .filter((error) => !isAlternative(error))
      .sort((a, b) => rank(a) - rank(b))
    const chosen = best ?? members[0]
    if (chosen) result.push(chosen)
  }

  const seen = new Set<string>()
  return result.filter((error) => {
    const key = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

const requiredExamples: Record<string, string> = {
  id: 'id: the file name without .yaml',
  category:
    'category: such as clinical, biospecimen, administrative or data_file',
  program: "program: '*'",
  project: "project: '*'",
  uniqueKeys: 'uniqueKeys: [[id], [project_id, submitter_id]]',
  links: 'links: a list of links, [] for none',
  validators: 'validators: null',
  systemProperties:
    'systemProperties: [id, project_id, state, created_datetime, updated_datetime]'
}

const fieldPattern = '^[_a-zA-Z0-9]*$'

function ruleFor(error: ErrorObject, base: string): RuleId {
  const path = error.instancePath
  if (base !== '') return 'R-LINK-SHAPE'
  if (path === '' && error.keyword === 'required') return 'R-META-REQUIRED'
  const [top, name, ...rest] = tokens(path)
  if (top === 'category') return 'R-META-CATEGORY'
  if (top === 'validators') return 'R-VALIDATORS'
  if (top === 'submittable') return 'R-SUBMITTABLE'
  if (top === 'links') return 'R-LINK-SHAPE'
  if (top === 'properties' && name === undefined) return 'R-PROP-NAME'
  if (top === 'properties' && rest.length === 0 && error.keyword === 'type') {
    return 'R-PROP-NAME'
  }
  return 'R-META-DRAFT4'
}

interface Wording {
  message: string
  expected: string
}

function word(
  error: ErrorObject,
  value: unknown,
  where: string,
  nodeId: string,
  inLink: boolean
): Wording {
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty)
      if (inLink) {
        return {
          message: `The link ${where} has no ${missing}.`,
          expected:
            'a link with name, backref, label, target_type, multiplicity and required, or a subgroup with exclusive, required and subgroup.'
        }
      }
      const subject = where === '' ? `The node ${nodeId}` : where
      return {
        message: `${subject} has no ${missing}.`,
        expected: `${requiredExamples[missing] ?? `a ${missing} entry`}.`
      }
    }
    case 'type': {
      const wanted = String(params.type).split(',')
      const hint =
        value === null ? ' (a key with nothing after its colon is null)' : ''
      return {
        message: `${where} is ${kind(value)}, not ${choices(wanted.map(article))}${hint}.`,
        expected:
          value === null && wanted.includes('string')
            ? 'text, or no such key at all.'
            : wanted.includes('object')
              ? 'a mapping of JSON Schema keywords, such as {type: string}.'
              : `${choices(wanted.map(article))}.`
      }
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String)
      const isType = where.endsWith('type') || /type\.\d+$/.test(where)
      return {
        message: isType
          ? `${where} is ${show(value)}, which is not a JSON Schema type.`
          : `${where} is ${show(value)}, which is not one of ${names(allowed)}.`,
        expected: `one of ${names(allowed)}.`
      }
    }
    case 'pattern':
      return {
        message: `${where} is ${show(value)}, which has characters other than letters, digits and underscores.`,
        expected:
          params.pattern === fieldPattern
            ? `letters, digits and underscores only, such as ${String(value).replace(/[^_a-zA-Z0-9]/g, '_')}.`
            : `text matching ${String(params.pattern)}.`
      }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty)
      if (tokens(error.instancePath).join('/') === 'properties') {
        return {
          message: `The property name ${extra} has characters other than letters, digits and underscores.`,
          expected: `letters, digits and underscores only, such as ${extra.replace(/[^_a-zA-Z0-9]/g, '_')}.`
        }
      }
      return {
        message: `${where || 'This link'} has the key ${extra}, which a link may not have.`,
        expected:
          'only name, backref, label, target_type, multiplicity and required (comments after #).'
      }
    }
    case 'minItems':
      return {
        message: `${where} is an empty list.`,
        expected: `at least ${String(params.limit)} item, or no ${where.split('.').pop() ?? ''} key at all.`
      }
    case 'uniqueItems': {
      const list = Array.isArray(value) ? value : []
      const j = Number(params.j)
      const i = Number(params.i)
      return {
        message: `${where} lists ${show(list[i])} twice (items ${j + 1} and ${i + 1}).`,
        expected: 'each value once.'
      }
    }
    default:
      return {
        message: `${where || 'The node'} is not valid: it ${error.message ?? 'fails the metaschema'}.`,
        expected: 'a value the JSON Schema draft-04 metaschema accepts.'
      }
  }
}

function article(type: string): string {
  switch (type) {
    case 'string':
      return 'text'
    case 'object':
      return 'a mapping'
    case 'array':
      return 'a list'
    case 'boolean':
      return 'true or false'
    case 'integer':
      return 'a whole number'
    case 'number':
      return 'a number'
    case 'null':
      return 'null'
    default:
      return type
  }
}

function report(
  node: DictionaryNode,
  data: unknown,
  errors: readonly ErrorObject[],
  base: string,
  skip: (error: ErrorObject) => boolean = () => false
): Finding[] {
  return simplify(errors)
    .filter((error) => !skip(error))
    .map((error) => {
      const pointer = base + error.instancePath
      const value = resolveFragment(data, error.instancePath)?.value
      const where = pathIn(node, pointer)
      const { message, expected } = word(
        error,
        value,
        pointer === '' ? '' : where,
        node.id,
        base !== '' && error.instancePath === ''
      )
      const place =
        error.keyword === 'required' && pointer === ''
          ? placeIn(node, '/id')
          : placeIn(node, pointer)
      return finding(ruleFor(error, base), place, message, expected)
    })
}

/** Link items, checked one by one so that each mistake is named; R-LINKS-FORM reports what breaks the loader. */
function checkLinks(
  node: DictionaryNode,
  links: unknown,
  pointer: string
): Finding[] {
  if (!Array.isArray(links)) return []
  const { link, subgroup } = validators()

  return links.flatMap((item: unknown, index): Finding[] => {
    const at = child(pointer, index)
    if (!isMapping(item)) return []
    if ('subgroup' in item) {
      subgroup(item)
      return [
        ...report(node, item, subgroup.errors ?? [], at, (error) => {
          return error.instancePath === '/subgroup' && error.keyword === 'type'
        }),
        ...checkLinks(node, item.subgroup, child(at, 'subgroup'))
      ]
    }
    link(item)
    return report(node, item, link.errors ?? [], at, (error) => {
      return (
        error.keyword === 'required' &&
        (error.params as { missingProperty?: string }).missingProperty ===
          'required'
      )
    })
  })
}

function checkValidators(node: DictionaryNode): Finding[] {
  const { validators: list } = node.schema
  if (!Array.isArray(list) || list.length === 0) return []
  return [
    finding(
      'R-VALIDATORS',
      placeIn(node, '/validators'),
      `validators lists ${list.length} validator${list.length === 1 ? '' : 's'}, but sheepdog has none to run and fails on submission.`,
      'validators: null.'
    )
  ]
}

/**
 * Gen3's metaschema (dictionaryutils schema_test.validate_schemata), on each
 * node as the services hold it: `$ref`s resolved, optional properties
 * nullable.
 */
export function checkMetaschema(dictionary: Dictionary): Finding[] {
  const { node: validate } = validators()
  const found: Finding[] = []
  for (const node of resolvedNodes(dictionary)) {
    const data = allowNulls(node.schema)
    validate(data)
    found.push(
      ...report(node, data, validate.errors ?? [], '', (error) => {
        return error.instancePath === '/links' && error.keyword === 'type'
      })
    )
    found.push(...checkLinks(node, data.links, '/links'))
    found.push(...checkValidators(node))
  }
  return found
}
