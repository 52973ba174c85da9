import type { InputProblem } from '../errors.js'
import { InputError } from '../errors.js'
import type { Reporter } from '../report/reporter.js'
import type { Declaration } from './declarations.js'
import type { Inputs, RawInputs } from './schema.js'
import { rawInputsSchema, toInputs } from './schema.js'

/** Inputs whose values are masked before anything else happens. */
export const secretInputs = [
  'oauth-client-id',
  'oauth-client-secret',
  'github-token'
] as const

/** Commands that create AWS resources for the domain, and so need it. */
const needsDomain = new Set(['deploy'])

/**
 * Reads every declared input once, applies action.yml's defaults, masks the
 * secrets and validates the lot. Throws an InputError naming every bad input.
 */
export function readInputs(
  get: (name: string) => string | undefined,
  declarations: readonly Declaration[],
  reporter: Reporter
): Inputs {
  const raw: Record<string, string> = {}
  for (const declaration of declarations) {
    const given = get(declaration.name)?.trim() ?? ''
    raw[declaration.name] = given === '' ? defaultOf(declaration) : given
  }

  for (const name of secretInputs) {
    const value = raw[name]
    if (value) reporter.setSecret(value)
  }

  const parsed = rawInputsSchema.safeParse(raw)
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues.map((issue) => {
        const input = String(issue.path[0] ?? 'command')
        return { input, value: shown(input, raw), expected: issue.message }
      })
    )
  }

  const problems = crossChecks(raw as RawInputs)
  if (problems.length > 0) throw new InputError(problems)

  const given = (name: string) => (get(name)?.trim() ?? '') !== ''
  for (const line of doubtfulInputs(raw as RawInputs, given)) {
    reporter.warning(line)
  }
  return toInputs(parsed.data)
}

/** The prefix every stack and change set ARN of the shipped IAM policies has. */
export const policyStackPrefix = 'gen3-poc'

/** Inputs that work but are likely not what was meant. */
function doubtfulInputs(
  raw: RawInputs,
  given: (name: string) => boolean
): string[] {
  const doubts: string[] = []
  if (!raw['stack-name'].startsWith(policyStackPrefix)) {
    doubts.push(
      `stack-name ${raw['stack-name']} does not start with ${policyStackPrefix}: the IAM policies in policy/ allow only stacks named ${policyStackPrefix}…, so change the names in them before attaching them (README, IAM permissions).`
    )
  }
  if (raw['vpc-id'] && given('vpc-cidr')) {
    doubts.push(
      `vpc-cidr ${raw['vpc-cidr']} is not used: with vpc-id the stack goes into the centre's VPC as it is.`
    )
  }
  return doubts
}

/** A default such as `${{ github.token }}` only means something on a runner. */
function defaultOf(declaration: Declaration): string {
  return declaration.default.includes('${{') ? '' : declaration.default
}

function shown(input: string, raw: Record<string, string>): string {
  const value = raw[input] ?? ''
  return (secretInputs as readonly string[]).includes(input) && value
    ? '***'
    : value
}

function crossChecks(raw: RawInputs): InputProblem[] {
  const problems: InputProblem[] = []
  const subnets = raw['public-subnet-ids'].split(/[\s,]+/).filter(Boolean)

  if (raw['vpc-id']) {
    if (new Set(subnets).size < 2) {
      problems.push({
        input: 'public-subnet-ids',
        value: raw['public-subnet-ids'],
        expected:
          'with vpc-id, at least two different public subnets, in two availability zones, for the load balancer'
      })
    }
    if (!raw['private-subnet-id']) {
      problems.push({
        input: 'private-subnet-id',
        value: '',
        expected: 'with vpc-id, the private subnet for the instance'
      })
    } else if (subnets.includes(raw['private-subnet-id'])) {
      problems.push({
        input: 'private-subnet-id',
        value: raw['private-subnet-id'],
        expected:
          'a subnet other than the public ones: the instance goes in a private subnet, reached only through the load balancer'
      })
    }
  } else {
    for (const input of ['public-subnet-ids', 'private-subnet-id'] as const) {
      if (raw[input]) {
        problems.push({
          input,
          value: raw[input],
          expected: 'empty unless vpc-id names the VPC these subnets are in'
        })
      }
    }
  }

  if (needsDomain.has(raw.command)) {
    for (const input of ['domain', 'hosted-zone-id'] as const) {
      if (!raw[input]) {
        problems.push({
          input,
          value: '',
          expected: `a value: ${raw.command} needs the ${input} of the commons`
        })
      }
    }
  }

  return problems
}
