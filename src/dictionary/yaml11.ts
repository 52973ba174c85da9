/**
 * How PyYAML's safe_load (YAML 1.1), which every Gen3 tool reads dictionaries
 * with, turns an unquoted value into data. The patterns are PyYAML's implicit
 * resolvers (https://github.com/yaml/pyyaml/blob/main/lib/yaml/resolver.py)
 * and its SafeConstructor rules; YAML 1.2 parsers differ on several of them.
 */

export type Scalar =
  | { tag: 'null'; value: null }
  | { tag: 'bool'; value: boolean }
  | { tag: 'int'; value: number }
  | { tag: 'float'; value: number }
  | { tag: 'timestamp'; value: string }
  | { tag: 'str'; value: string }

const boolPattern =
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/
const floatPattern =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/
const intPattern =
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/
const nullPattern = /^(?:~|null|Null|NULL|)$/
const timestampPattern =
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/

function signed(text: string): { sign: number; digits: string } {
  const plain = text.replace(/_/g, '')
  const sign = plain.startsWith('-') ? -1 : 1
  const digits = /^[-+]/.test(plain) ? plain.slice(1) : plain
  return { sign, digits }
}

function sexagesimal(digits: string, parse: (part: string) => number) {
  return digits
    .split(':')
    .reverse()
    .reduce((total, part, index) => total + parse(part) * 60 ** index, 0)
}

function constructInt(text: string): number {
  const { sign, digits } = signed(text)
  let value: number
  if (digits === '0') value = 0
  else if (digits.startsWith('0b')) value = parseInt(digits.slice(2), 2)
  else if (digits.startsWith('0x')) value = parseInt(digits.slice(2), 16)
  else if (digits.startsWith('0')) value = parseInt(digits, 8)
  else if (digits.includes(':')) value = sexagesimal(digits, Number)
  else value = parseInt(digits, 10)
  return value === 0 ? 0 : sign * value
}

function constructFloat(text: string): number {
  const { sign, digits } = signed(text.toLowerCase())
  if (digits === '.inf') return sign * Infinity
  if (digits === '.nan') return NaN
  if (digits.includes(':')) return sign * sexagesimal(digits, parseFloat)
  return sign * parseFloat(digits)
}

/** An unquoted value, resolved as PyYAML resolves it. */
export function resolvePlain(text: string): Scalar {
  if (boolPattern.test(text)) {
    return { tag: 'bool', value: /^(?:yes|true|on)$/i.test(text) }
  }
  if (floatPattern.test(text)) {
    return { tag: 'float', value: constructFloat(text) }
  }
  if (intPattern.test(text)) return { tag: 'int', value: constructInt(text) }
  if (nullPattern.test(text)) return { tag: 'null', value: null }
  if (timestampPattern.test(text)) return { tag: 'timestamp', value: text }
  return { tag: 'str', value: text }
}

const tagPrefix = 'tag:yaml.org,2002:'

/**
 * A value with an explicit standard tag (`!!str 5`), or undefined for a tag
 * PyYAML's safe loader would refuse or that has no JSON form.
 */
export function resolveTagged(tag: string, text: string): Scalar | undefined {
  switch (tag.startsWith(tagPrefix) ? tag.slice(tagPrefix.length) : tag) {
    case 'str':
      return { tag: 'str', value: text }
    case 'int':
      return intPattern.test(text)
        ? { tag: 'int', value: constructInt(text) }
        : undefined
    case 'float':
      return floatPattern.test(text) || intPattern.test(text)
        ? { tag: 'float', value: constructFloat(text) }
        : undefined
    case 'bool':
      return boolPattern.test(text)
        ? { tag: 'bool', value: /^(?:yes|true|on)$/i.test(text) }
        : undefined
    case 'null':
      return { tag: 'null', value: null }
    case 'timestamp':
      return { tag: 'timestamp', value: text }
    default:
      return undefined
  }
}

/**
 * Why an unquoted value deserves a second look: YAML 1.1 reads it otherwise
 * than a YAML 1.2 or JSON-minded reader would. Undefined when it reads as it
 * looks.
 */
export function surprise(text: string, scalar: Scalar): string | undefined {
  if (scalar.tag === 'bool' && !/^(?:true|false)$/i.test(text)) {
    return `the boolean ${scalar.value}`
  }
  if (scalar.tag === 'int' || scalar.tag === 'float') {
    const { digits } = signed(text)
    const surprising =
      /^0[0-7_]/.test(digits) ||
      digits.startsWith('0b') ||
      digits.includes(':') ||
      text.includes('_')
    return surprising ? `the number ${scalar.value}` : undefined
  }
  if (
    scalar.tag === 'str' &&
    /^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/.test(text)
  ) {
    return 'text, not a number'
  }
  return undefined
}

/** JSON's key for a non-text key, as Python's json module writes it. */
export function keyText(scalar: Scalar, text: string): string {
  switch (scalar.tag) {
    case 'null':
      return 'null'
    case 'bool':
      return scalar.value ? 'true' : 'false'
    case 'int':
      return String(scalar.value)
    case 'float':
      return pythonFloat(scalar.value)
    default:
      return text
  }
}

/** A float as Python's repr writes it (json.dump uses repr). */
export function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Infinity) return 'Infinity'
  if (value === -Infinity) return '-Infinity'
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0'

  const [mantissa = '0', exponentText = '0'] = value.toExponential().split('e')
  const exponent = Number(exponentText)
  const negative = mantissa.startsWith('-')
  const digits = mantissa.replace(/^-/, '').replace('.', '')
  const sign = negative ? '-' : ''

  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : ''
    const exponentSign = exponent < 0 ? '-' : '+'
    const magnitude = String(Math.abs(exponent)).padStart(2, '0')
    return `${sign}${digits[0] ?? '0'}${fraction}e${exponentSign}${magnitude}`
  }
  if (exponent < 0) {
    return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`
  }
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0')
  const fraction = digits.slice(exponent + 1)
  return `${sign}${whole}.${fraction === '' ? '0' : fraction}`
}
