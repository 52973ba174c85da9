import { parse as parseYaml } from 'yaml'
import { z } from 'zod'

import { commandNames } from '../commands/names.js'
import { nearest } from '../compose/nearest.js'
import * as formats from './formats.js'
import { regions } from './regions.js'

/** The network the stack builds, or the centre's own that it joins. */
export type Network =
  | { kind: 'new'; cidr: string }
  | {
      kind: 'existing'
      vpcId: string
      publicSubnetIds: string[]
      privateSubnetId: string
    }

function matching(format: formats.Format) {
  return z.string().refine(format.test, { error: format.expected })
}

function optional(format: formats.Format) {
  return z
    .string()
    .refine((value) => value === '' || format.test(value), {
      error: format.expected
    })
    .transform((value) => (value === '' ? undefined : value))
}

function list(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter(Boolean)
}

function integer(min: number, max: number, what: string) {
  const expected = `${what}, a whole number from ${min} to ${max}`
  return z
    .string()
    .refine((value) => /^\d+$/.test(value.trim()), { error: expected })
    .transform(Number)
    .refine((value) => value >= min && value <= max, { error: expected })
}

const boolean = z
  .string()
  .refine((value) => /^(true|false)$/i.test(value.trim()), {
    error: 'true or false'
  })
  .transform((value) => value.trim().toLowerCase() === 'true')

const cidr = (value: string, context: z.RefinementCtx): void => {
  const parsed = formats.parseCidr(value)
  if (!parsed) {
    context.addIssue({
      code: 'custom',
      message: `an address range such as 203.0.113.0/24 or 2001:db8::/32 ('${value}' is not one)`
    })
  } else if (parsed.family === 'ipv4') {
    const network = formats.ipv4Network(parsed.address, parsed.prefix)
    if (network !== parsed.address) {
      context.addIssue({
        code: 'custom',
        message: `a range that starts at its network address: ${network}/${parsed.prefix} rather than ${value}`
      })
    }
  }
}

const vpcCidr = z.string().superRefine((value, context) => {
  const parsed = formats.parseCidr(value)
  if (
    !parsed ||
    parsed.family !== 'ipv4' ||
    parsed.prefix < 16 ||
    parsed.prefix > 24
  ) {
    context.addIssue({
      code: 'custom',
      message: 'an IPv4 range from /16 to /24 such as 10.42.0.0/16'
    })
    return
  }
  cidr(value, context)
})

/**
 * A security group takes 60 inbound rules for IPv4 and 60 for IPv6 by
 * default (AWS docs: "Amazon VPC quotas", Security groups); each allowed
 * range opens two ports.
 */
const maxRangesPerFamily = 30

const allowedCidrs = z
  .string()
  .transform(list)
  .superRefine((ranges, context) => {
    if (ranges.length === 0) {
      context.addIssue({
        code: 'custom',
        message: 'at least one address range such as 0.0.0.0/0'
      })
    }
    for (const range of ranges) cidr(range, context)

    const twice = ranges.find((range, at) => ranges.indexOf(range) !== at)
    if (twice) {
      context.addIssue({
        code: 'custom',
        message: `each range once: ${twice} is given twice, and a security group refuses the same rule twice`
      })
    }

    const families = ranges.map((range) => formats.parseCidr(range)?.family)
    for (const [family, label] of [
      ['ipv4', 'IPv4'],
      ['ipv6', 'IPv6']
    ] as const) {
      const count = families.filter((given) => given === family).length
      if (count > maxRangesPerFamily) {
        context.addIssue({
          code: 'custom',
          message: `at most ${maxRangesPerFamily} IPv4 ranges and ${maxRangesPerFamily} IPv6 ranges: each opens 443 and 80, and a security group takes ${2 * maxRangesPerFamily} inbound rules of each family unless the account's quota was raised (${count} ${label} ranges given)`
        })
      }
    }
  })

const tagKey = /^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u
const tagValue = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u
const tagsExpected =
  "one key=value a line or a YAML map; keys of 1 to 128 letters, digits, spaces and _.:/=+-@ not starting with 'aws:', values of at most 256 such characters"

/** The tags as given, or why they cannot be read. */
type ParsedTags = { tags: Record<string, string> } | { problem: string }

/**
 * Reads key=value lines or a YAML map. Values stay exactly as written (the
 * YAML failsafe schema turns nothing into a number, a boolean or null), and
 * a key given twice is refused rather than the last one kept.
 */
function parseTags(text: string): ParsedTags {
  if (text.trim() === '') return { tags: {} }

  if (/^[^:\n]+=/m.test(text) && !/^[^=\n]+:\s/m.test(text)) {
    const tags: Record<string, string> = {}
    for (const line of text.split('\n').map((item) => item.trim())) {
      if (!line) continue
      const at = line.indexOf('=')
      if (at < 0) return { problem: tagsExpected }
      const key = line.slice(0, at).trim()
      if (key in tags) {
        return { problem: `each tag key once (${key} is given twice)` }
      }
      tags[key] = line.slice(at + 1).trim()
    }
    return { tags }
  }

  try {
    const map: unknown = parseYaml(text, { schema: 'failsafe' })
    if (typeof map !== 'object' || map === null || Array.isArray(map)) {
      return { problem: tagsExpected }
    }
    const entries = Object.entries(map as Record<string, unknown>)
    if (entries.some(([, value]) => typeof value !== 'string')) {
      return { problem: tagsExpected }
    }
    return { tags: Object.fromEntries(entries) as Record<string, string> }
  } catch (error) {
    const duplicate =
      error instanceof Error && /Map keys must be unique/.test(error.message)
    return { problem: duplicate ? 'each tag key once' : tagsExpected }
  }
}

/** AWS resources take 50 tags; every one of ours carries Name and the stack tag. */
const maxExtraTags = 48

const tags = z.string().transform((text, context) => {
  const read = parseTags(text)
  if ('problem' in read) {
    context.addIssue({ code: 'custom', message: read.problem })
    return z.NEVER
  }
  const parsed = read.tags
  const valid = Object.entries(parsed).every(
    ([key, value]) => tagKey.test(key) && tagValue.test(value)
  )
  if (!valid) {
    context.addIssue({ code: 'custom', message: tagsExpected })
    return z.NEVER
  }
  const count = Object.keys(parsed).length
  if (count > maxExtraTags) {
    context.addIssue({
      code: 'custom',
      message: `at most ${maxExtraTags} tags: AWS resources take 50 and the stack adds Name and gen3-poc:stack (${count} given)`
    })
    return z.NEVER
  }
  return parsed
})

/** A region code of the right shape that AWS also has. */
/** What is wrong with a region code, completing "expected …", if anything. */
export function regionProblem(value: string): string | undefined {
  if (!formats.region.test(value)) return formats.region.expected
  if (regions.includes(value)) return undefined
  const close = nearest(value, regions)
  return `a region AWS offers${close ? ` (did you mean ${close}?)` : ''}: ${regions.join(', ')}`
}

const region = z
  .string()
  .superRefine((value, context) => {
    if (value === '') return
    const problem = regionProblem(value)
    if (problem) context.addIssue({ code: 'custom', message: problem })
  })
  .transform((value) => (value === '' ? undefined : value))

/**
 * Every input of action.yml, by its name there, parsed from the strings the
 * runner gives into typed values. Messages complete the sentence
 * "input 'x' is 'y': expected …".
 */
export const rawInputsSchema = z.object({
  command: z.enum(commandNames, {
    error: `one of ${commandNames.join(', ')}`
  }),
  'stack-name': matching(formats.stackName),
  region,
  domain: optional(formats.domainName),
  'hosted-zone-id': optional(formats.hostedZoneId),
  'certificate-arn': optional(formats.certificateArn),
  'vpc-id': optional(formats.vpcId),
  'public-subnet-ids': z
    .string()
    .transform(list)
    .refine((ids) => ids.every(formats.subnetId.test), {
      error: `subnet ids separated by commas: ${formats.subnetId.expected}`
    }),
  'private-subnet-id': optional(formats.subnetId),
  'vpc-cidr': vpcCidr,
  'allowed-cidrs': allowedCidrs,
  'instance-type': matching(formats.instanceType),
  'root-volume-size': z
    .string()
    .refine(
      (value) =>
        value === '' ||
        (/^\d+$/.test(value) && Number(value) >= 8 && Number(value) <= 16384),
      { error: 'a size in GiB, a whole number from 8 to 16384' }
    )
    .transform((value) => (value === '' ? undefined : Number(value))),
  tags,
  'template-file': z.string().min(1, { error: 'a file path' }),
  'timeout-minutes': integer(1, 300, 'minutes'),
  'allow-replacement': boolean,
  'termination-protection': boolean,
  confirm: z.string(),
  'fallback-to-stop': boolean,
  'keep-awake-hours': integer(0, 168, 'hours'),
  'compose-services-ref': matching(formats.commit),
  'config-dir': z.string().min(1, { error: 'a folder path' }),
  'oauth-client-id': z.string(),
  'oauth-client-secret': z.string(),
  'dictionary-dir': z.string().min(1, { error: 'a folder path' }),
  'dictionary-base-ref': z.string(),
  strict: boolean,
  'github-token': z.string()
})

export type RawInputs = z.input<typeof rawInputsSchema>
type ParsedInputs = z.output<typeof rawInputsSchema>

/** The inputs as every command sees them. */
export interface Inputs {
  command: ParsedInputs['command']
  stackName: string
  region: string | undefined
  domain: string | undefined
  hostedZoneId: string | undefined
  certificateArn: string | undefined
  network: Network
  allowedCidrs: string[]
  instanceType: string
  rootVolumeSize: number | undefined
  tags: Record<string, string>
  templateFile: string
  timeoutMinutes: number
  allowReplacement: boolean
  terminationProtection: boolean
  confirm: string
  fallbackToStop: boolean
  keepAwakeHours: number
  composeServicesRef: string
  configDir: string
  oauthClientId: string
  oauthClientSecret: string
  dictionaryDir: string
  dictionaryBaseRef: string
  strict: boolean
  githubToken: string
}

export function toInputs(parsed: ParsedInputs): Inputs {
  const vpcId = parsed['vpc-id']
  const privateSubnetId = parsed['private-subnet-id']

  return {
    command: parsed.command,
    stackName: parsed['stack-name'],
    region: parsed.region,
    domain: parsed.domain?.toLowerCase().replace(/\.$/, ''),
    hostedZoneId: parsed['hosted-zone-id'],
    certificateArn: parsed['certificate-arn'],
    network:
      vpcId && privateSubnetId
        ? {
            kind: 'existing',
            vpcId,
            publicSubnetIds: parsed['public-subnet-ids'],
            privateSubnetId
          }
        : { kind: 'new', cidr: parsed['vpc-cidr'] },
    allowedCidrs: parsed['allowed-cidrs'],
    instanceType: parsed['instance-type'],
    rootVolumeSize: parsed['root-volume-size'],
    tags: parsed.tags,
    templateFile: parsed['template-file'],
    timeoutMinutes: parsed['timeout-minutes'],
    allowReplacement: parsed['allow-replacement'],
    terminationProtection: parsed['termination-protection'],
    confirm: parsed.confirm,
    fallbackToStop: parsed['fallback-to-stop'],
    keepAwakeHours: parsed['keep-awake-hours'],
    composeServicesRef: parsed['compose-services-ref'],
    configDir: parsed['config-dir'],
    oauthClientId: parsed['oauth-client-id'],
    oauthClientSecret: parsed['oauth-client-secret'],
    dictionaryDir: parsed['dictionary-dir'],
    dictionaryBaseRef: parsed['dictionary-base-ref'],
    strict: parsed.strict,
    githubToken: parsed['github-token']
  }
}
