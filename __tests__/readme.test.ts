import { readFileSync } from 'node:fs'

import { describe, expect, it } from '@jest/globals'

import { renderReadme } from '../scripts/readme-tables.js'

describe('the README', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')

  it('has the inputs and outputs tables of action.yml, word for word', async () => {
    expect(readme).toBe(
      await renderReadme(readme, new URL('../action.yml', import.meta.url))
    )
  })
})
