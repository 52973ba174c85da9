import { describe, expect, it } from '@jest/globals'

import { beyondAnnotations } from '../../src/dictionary/report.js'

describe('findings beyond the annotations GitHub shows', () => {
  it('says nothing while every finding gets an annotation', () => {
    expect(beyondAnnotations(10, 10)).toBeUndefined()
  })

  it('counts the errors left without one', () => {
    expect(beyondAnnotations(11, 3)).toBe(
      'GitHub shows at most 10 error and 10 warning annotations per step: 1 more error is in the log above and in the job summary.'
    )
  })

  it('counts errors and warnings left without one', () => {
    expect(beyondAnnotations(25, 12)).toBe(
      'GitHub shows at most 10 error and 10 warning annotations per step: 15 more errors and 2 more warnings are in the log above and in the job summary.'
    )
  })
})
