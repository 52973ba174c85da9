import type { ParseError } from 'jsonc-parser'
import { parse, printParseErrorCode } from 'jsonc-parser'

import type { Finding } from './finding.js'

/** What each of the JSON parser's error codes means, in a sentence. */
const meanings: Record<string, string> = {
  InvalidSymbol: 'a character that JSON does not allow here',
  InvalidNumberFormat: 'a number JSON cannot read',
  PropertyNameExpected: 'a property name in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: "a ':' was expected",
  CommaExpected: "a ',' was expected",
  CloseBraceExpected: "a closing '}' was expected",
  CloseBracketExpected: "a closing ']' was expected",
  EndOfFileExpected: 'nothing may follow the end of the object',
  InvalidCommentToken: 'JSON has no comments',
  UnexpectedEndOfComment: 'JSON has no comments',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number is cut short',
  InvalidUnicode: 'an escaped character is not valid unicode',
  InvalidEscapeCharacter: 'a backslash escape JSON does not know',
  InvalidCharacter: 'a control character inside a string'
}

function lineAndColumn(text: string, offset: number) {
  const before = text.slice(0, offset).split('\n')
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 }
}

/**
 * Checks gitops.json, the portal's configuration: strict JSON (no comments,
 * no trailing commas) whose top is an object. The portal reads it when its
 * container starts and fails its build on invalid JSON.
 */
export function checkGitops(file: string, text: string): Finding[] {
  const errors: ParseError[] = []
  const value: unknown = parse(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false
  })

  const [first] = errors
  if (first) {
    const code = printParseErrorCode(first.error)
    return [
      {
        severity: 'error',
        file,
        ...lineAndColumn(text, first.offset),
        message: `not valid JSON: ${meanings[code] ?? code}`
      }
    ]
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [
      {
        severity: 'error',
        file,
        line: 1,
        message: "gitops.json must be a JSON object, the portal's settings"
      }
    ]
  }
  return []
}
