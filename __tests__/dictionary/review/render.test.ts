import { describe, expect, it } from '@jest/globals'

import type { Change, Review } from '../../../src/dictionary/review/changes.js'
import { reviewDictionary } from '../../../src/dictionary/review/diff.js'
import {
  renderReview,
  summaryLine
} from '../../../src/dictionary/review/render.js'
import { describeWithShared } from '../../fixtures/shared.js'
import { gdcAndEdited, nodeIn } from './dictionaries.js'

function reviewOf(changes: Change[]): Review {
  return {
    changes,
    nodes: { base: 2, head: 2 },
    problems: { base: [], head: [] }
  }
}

describe('rendering a review as Markdown', () => {
  it('says so when nothing changed', () => {
    expect(renderReview(reviewOf([]), { compared: '`a` with `b`' })).toBe(
      [
        '### Data dictionary review',
        '',
        'Compared `a` with `b`.',
        '',
        'No changes to nodes, properties, links or enum values.',
        ''
      ].join('\n')
    )
  })

  it('counts changes by kind and action, breaking ones first', () => {
    const review = reviewOf([
      { kind: 'node', action: 'added', node: 'x', detail: '' },
      { kind: 'property', action: 'added', node: 'x', name: 'a', detail: '' },
      {
        kind: 'property',
        action: 'removed',
        node: 'x',
        name: 'b',
        detail: '',
        breaking: 'why'
      },
      {
        kind: 'enum',
        action: 'added',
        node: 'x',
        name: 'c',
        value: 'v',
        detail: ''
      }
    ])

    expect(summaryLine(review)).toBe(
      '**1 breaking change** · nodes: 1 added · properties: 1 added, 1 removed · enum values: 1 added'
    )
  })

  it('puts a breaking changes table first, then a table per kind with breaking rows on top', () => {
    const review = reviewOf([
      {
        kind: 'property',
        action: 'added',
        node: 'sample',
        name: 'volume',
        detail: 'number'
      },
      {
        kind: 'property',
        action: 'removed',
        node: 'sample',
        name: 'is_ffpe',
        detail: 'boolean',
        breaking: 'existing records may hold a value for it'
      },
      {
        kind: 'enum',
        action: 'removed',
        node: 'sample',
        name: 'composition',
        value: 'Buffy Coat',
        detail: 'value removed',
        breaking: 'existing records with this value no longer validate'
      },
      {
        kind: 'link',
        action: 'changed',
        node: 'sample',
        name: 'cases',
        detail: 'backref samples → biospecimens'
      }
    ])

    expect(renderReview(review).split('\n')).toEqual([
      '### Data dictionary review',
      '',
      '**2 breaking changes** · properties: 1 added, 1 removed · links: 1 changed · enum values: 1 removed',
      '',
      '#### ⚠️ Breaking changes',
      '',
      '| Change | Where | Why existing data may break |',
      '| --- | --- | --- |',
      '| property removed | `sample.is_ffpe` | existing records may hold a value for it |',
      '| enum value removed | `sample.composition` = `Buffy Coat` | existing records with this value no longer validate |',
      '',
      '#### Properties',
      '',
      '|  | Node | Property | Detail |',
      '| --- | --- | --- | --- |',
      '| ⚠️ removed | `sample` | `is_ffpe` | boolean |',
      '| added | `sample` | `volume` | number |',
      '',
      '#### Links',
      '',
      '|  | Node | Link | Detail |',
      '| --- | --- | --- | --- |',
      '| changed | `sample` | `cases` | backref samples → biospecimens |',
      '',
      '#### Enum values',
      '',
      '|  | Node | Property | Value |',
      '| --- | --- | --- | --- |',
      '| ⚠️ removed | `sample` | `composition` | `Buffy Coat` |',
      ''
    ])
  })

  it('keeps pipes, backticks, HTML and line breaks of dictionary values from breaking the table', () => {
    const review = reviewOf([
      {
        kind: 'enum',
        action: 'added',
        node: 'sample',
        name: 'kind',
        value: 'a|b `c`\nd',
        detail: 'value added'
      },
      {
        kind: 'node',
        action: 'changed',
        node: 'sample',
        detail: 'title <b>x</b> → y'
      }
    ])
    const lines = renderReview(review).split('\n')

    expect(lines).toContain('| added | `sample` | `kind` | ``a\\|b `c` d`` |')
    expect(lines).toContain(
      '| changed | `sample` | title &lt;b&gt;x&lt;/b&gt; → y |'
    )
  })

  it('cuts long tables to fit, and says how many rows are left out and where to read them', () => {
    const changes: Change[] = Array.from({ length: 500 }, (_, index) => ({
      kind: 'enum',
      action: 'added',
      node: 'sample',
      name: 'code',
      value: `value-${index}`,
      detail: 'value added'
    }))
    const markdown = renderReview(reviewOf(changes), {
      maxLength: 5_000,
      whereInFull: 'the whole review is in the job summary'
    })

    expect(markdown.length).toBeLessThanOrEqual(5_000)
    expect(markdown).toContain('| added | `sample` | `code` | `value-0` |')
    expect(markdown).toContain(
      '_… and 400 more: the whole review is in the job summary._'
    )
  })

  it('lists the references that did not resolve', () => {
    const review: Review = {
      ...reviewOf([]),
      problems: {
        base: ['x.yaml: $ref #/a does not point at a mapping'],
        head: []
      }
    }

    expect(renderReview(review)).toContain(
      [
        '1 reference did not resolve, so what it brings was not compared:',
        '',
        '- base: x.yaml: $ref #/a does not point at a mapping'
      ].join('\n')
    )
  })
})

describeWithShared('rendering the review of an edited gdcdictionary', () => {
  it('reads as a reviewer would want it', () => {
    const { base, head } = gdcAndEdited((edited) => {
      delete edited['slide_image.yaml']
      nodeIn(edited, 'sample.yaml').properties.current_weight!.type = 'integer'
    })

    expect(renderReview(reviewDictionary(base, head)).split('\n')).toEqual([
      '### Data dictionary review',
      '',
      '**2 breaking changes** · nodes: 1 removed · properties: 1 changed',
      '',
      '#### ⚠️ Breaking changes',
      '',
      '| Change | Where | Why existing data may break |',
      '| --- | --- | --- |',
      '| node removed | `slide_image` | sheepdog never drops tables: node_slideimage and its records stay in the database, out of reach of the API |',
      '| property changed | `sample.current_weight` | number values are no longer accepted: existing records may no longer validate |',
      '',
      '#### Nodes',
      '',
      '|  | Node | Detail |',
      '| --- | --- | --- |',
      '| ⚠️ removed | `slide_image` | 26 properties, 2 links |',
      '',
      '#### Properties',
      '',
      '|  | Node | Property | Detail |',
      '| --- | --- | --- | --- |',
      '| ⚠️ changed | `sample` | `current_weight` | type number → integer |',
      ''
    ])
  })
})
