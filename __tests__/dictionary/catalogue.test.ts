import { readdirSync, readFileSync } from 'node:fs'

import { describe, expect, it } from '@jest/globals'

import { rules } from '../../src/dictionary/rules.js'

const folder = new URL('./', import.meta.url)
const titles = readdirSync(folder)
  .filter((name) => name.endsWith('.test.ts'))
  .flatMap((name) =>
    [
      ...readFileSync(new URL(name, folder), 'utf8').matchAll(
        /\bit\(\s*["'`](R-[A-Z0-9-]+):/g
      )
    ].map((match) => match[1])
  )

describe('the catalogue of rules', () => {
  it('has a test named after each rule, which breaks a dictionary in that one way', () => {
    expect(
      rules.map((entry) => entry.id).filter((id) => !titles.includes(id))
    ).toEqual([])
  })

  it('names each rule once', () => {
    const ids = rules.map((entry) => entry.id)

    expect(new Set(ids).size).toBe(ids.length)
  })
})
