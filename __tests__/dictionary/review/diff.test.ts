import { describe, expect, it } from '@jest/globals'

import type { Change } from '../../../src/dictionary/review/changes.js'
import { reviewDictionary } from '../../../src/dictionary/review/diff.js'
import { describeWithShared } from '../../fixtures/shared.js'
import type { Editable } from './dictionaries.js'
import { compiled, gdcAndEdited, nodeIn } from './dictionaries.js'

function changesAfter(edit: (head: Editable) => void): Change[] {
  const { base, head } = gdcAndEdited(edit)
  return [...reviewDictionary(base, head).changes]
}

describeWithShared('comparing gdcdictionary with an edited copy', () => {
  it('finds nothing when the dictionaries are the same', () => {
    expect(changesAfter(() => undefined)).toEqual([])
  })

  describe('nodes', () => {
    it('lists an added node with its size, not each of its properties', () => {
      const changes = changesAfter((head) => {
        const sample = structuredClone(nodeIn(head, 'sample.yaml'))
        sample.id = 'tissue_sample'
        head['tissue_sample.yaml'] = sample
      })

      expect(changes).toEqual([
        {
          kind: 'node',
          action: 'added',
          node: 'tissue_sample',
          detail: '31 properties, 2 links'
        }
      ])
    })

    it('flags a removed node as breaking: sheepdog keeps its table', () => {
      const changes = changesAfter((head) => {
        delete head['slide_image.yaml']
      })

      expect(changes).toEqual([
        {
          kind: 'node',
          action: 'removed',
          node: 'slide_image',
          detail: '26 properties, 2 links',
          breaking:
            'sheepdog never drops tables: node_slideimage and its records stay in the database, out of reach of the API'
        }
      ])
    })

    it('reports node-level keywords that changed, without calling it breaking', () => {
      const changes = changesAfter((head) => {
        nodeIn(head, 'sample.yaml').category = 'clinical'
        nodeIn(head, 'sample.yaml').uniqueKeys = [['id']]
      })

      expect(changes).toEqual([
        {
          kind: 'node',
          action: 'changed',
          node: 'sample',
          detail: 'category biospecimen → clinical; uniqueKeys changed'
        }
      ])
    })

    it('compares nodes by id, so that renaming the file alone changes nothing', () => {
      const changes = changesAfter((head) => {
        head['sample_renamed.yaml'] = head['sample.yaml']
        delete head['sample.yaml']
      })

      expect(changes).toEqual([])
    })
  })

  describe('properties', () => {
    it('lists an optional property added as not breaking', () => {
      const changes = changesAfter((head) => {
        nodeIn(head, 'sample.yaml').properties.storage_temperature = {
          type: 'number'
        }
      })

      expect(changes).toEqual([
        {
          kind: 'property',
          action: 'added',
          node: 'sample',
          name: 'storage_temperature',
          detail: 'number'
        }
      ])
    })

    it('flags a required property added as breaking', () => {
      const changes = changesAfter((head) => {
        const sample = nodeIn(head, 'sample.yaml')
        sample.properties.storage_temperature = { type: 'number' }
        sample.required.push('storage_temperature')
      })

      expect(changes).toEqual([
        {
          kind: 'property',
          action: 'added',
          node: 'sample',
          name: 'storage_temperature',
          detail: 'number, required',
          breaking: 'it is required, and existing records have no value for it'
        }
      ])
    })

    it('flags a removed property as breaking', () => {
      const changes = changesAfter((head) => {
        delete nodeIn(head, 'sample.yaml').properties.is_ffpe
      })

      expect(changes).toEqual([
        {
          kind: 'property',
          action: 'removed',
          node: 'sample',
          name: 'is_ffpe',
          detail: 'boolean',
          breaking:
            'existing records may hold a value for it, which no longer validates'
        }
      ])
    })

    it('flags a narrower type as breaking: number to integer', () => {
      const changes = changesAfter((head) => {
        nodeIn(head, 'sample.yaml').properties.current_weight!.type = 'integer'
      })

      expect(changes).toEqual([
        {
          kind: 'property',
          action: 'changed',
          node: 'sample',
          name: 'current_weight',
          detail: 'type number → integer',
          breaking:
            'number values are no longer accepted: existing records may no longer validate'
        }
      ])
    })

    it('does not flag a wider type: integer to number', () => {
      const changes = changesAfter((head) => {
        nodeIn(head, 'sample.yaml').properties.days_to_collection!.type =
          'number'
      })

      expect(changes).toEqual([
        {
          kind: 'property',
          action: 'changed',
          node: 'sample',
          name: 'days_to_collection',
          detail: 'type integer → number'
        }
      ])
    })

    it('flags a string that becomes an enum as breaking', () => {
      const changes = changesAfter((head) => {
        const method = nodeIn(head, 'sample.yaml').properties.freezing_method!
        delete method.type
        method.enum = ['Frozen', 'Fresh']
      })

      expect(changes).toEqual([
        {
          kind: 'property',
          action: 'changed',
          node: 'sample',
          name: 'freezing_method',
          detail: 'type string → enum of 2 values',
          breaking:
            'accepted any string, now only enum of 2 values: existing records may no longer validate'
        }
      ])
    })

    it('does not flag an enum that becomes a string', () => {
      const changes = changesAfter((head) => {
        const composition = nodeIn(head, 'sample.yaml').properties.composition!
        delete composition.enum
        composition.type = 'string'
      })

      expect(changes).toEqual([
        {
          kind: 'property',
          action: 'changed',
          node: 'sample',
          name: 'composition',
          detail: 'type enum of 27 values → string'
        }
      ])
    })

    it('flags a property made required as breaking, and not the reverse', () => {
      const changes = changesAfter((head) => {
        const sample = nodeIn(head, 'sample.yaml')
        sample.required = ['type', 'cases', 'is_ffpe']
      })

      expect(changes).toEqual([
        {
          kind: 'property',
          action: 'changed',
          node: 'sample',
          name: 'is_ffpe',
          detail: 'now required',
          breaking: 'existing records without a value for it no longer validate'
        },
        {
          kind: 'property',
          action: 'changed',
          node: 'sample',
          name: 'submitter_id',
          detail: 'no longer required'
        }
      ])
    })

    it('flags null no longer accepted only where sheepdog does not add it back', () => {
      const changes = changesAfter((head) => {
        const sample = nodeIn(head, 'sample.yaml')
        sample.properties.submitter_id!.type = 'string'
        sample.properties.freezing_method!.type = ['string', 'null']
        sample.properties.is_ffpe!.type = ['boolean', 'null']
      })

      expect(changes).toEqual([
        {
          kind: 'property',
          action: 'changed',
          node: 'sample',
          name: 'freezing_method',
          detail: 'type string → null or string'
        },
        {
          kind: 'property',
          action: 'changed',
          node: 'sample',
          name: 'is_ffpe',
          detail: 'type boolean → boolean or null'
        },
        {
          kind: 'property',
          action: 'changed',
          node: 'sample',
          name: 'submitter_id',
          detail: 'type null or string → string',
          breaking:
            'null values are no longer accepted: existing records may no longer validate'
        }
      ])
    })

    it('names the other keywords that changed', () => {
      const changes = changesAfter((head) => {
        const project = nodeIn(head, 'sample.yaml').properties.project_id!
        project.description = 'The project'
        project.pattern = '^[A-Z]+-[A-Z]+$'
      })

      expect(changes).toEqual([
        {
          kind: 'property',
          action: 'changed',
          node: 'sample',
          name: 'project_id',
          detail: 'description, pattern changed'
        }
      ])
    })

    it('sees a change made in _definitions.yaml in every node that refers to it', () => {
      // null stays accepted: sheepdog adds it to properties that are not required
      const changes = changesAfter((head) => {
        const definitions = head['_definitions.yaml'] as Record<
          string,
          Record<string, unknown>
        >
        definitions.datetime = { type: 'string', format: 'date-time' }
      })

      const onSample = changes.filter(
        (change) => change.node === 'sample' && change.kind === 'property'
      )
      expect(onSample).toEqual([
        {
          kind: 'property',
          action: 'changed',
          node: 'sample',
          name: 'created_datetime',
          detail: 'type null or string → string; format, term changed'
        },
        {
          kind: 'property',
          action: 'changed',
          node: 'sample',
          name: 'updated_datetime',
          detail: 'type null or string → string; format, term changed'
        }
      ])
      expect(new Set(changes.map((change) => change.node)).size).toBe(26)
    })
  })

  describe('enum values', () => {
    it('lists each value added, and flags each value removed as breaking', () => {
      const changes = changesAfter((head) => {
        const composition = nodeIn(head, 'sample.yaml').properties.composition!
        const values = composition.enum as string[]
        composition.enum = [
          ...values.filter((v) => v !== 'Buffy Coat'),
          'Whole Saliva'
        ]
      })

      expect(changes).toEqual([
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
          kind: 'enum',
          action: 'added',
          node: 'sample',
          name: 'composition',
          value: 'Whole Saliva',
          detail: 'value added'
        }
      ])
    })

    it('does not flag null removed from the enum of a property that is not required', () => {
      const { base, head } = gdcAndEdited((edited) => {
        nodeIn(edited, 'sample.yaml').properties.tissue_type!.enum = ['Tumor']
        nodeIn(edited, 'sample.yaml').properties.type = { enum: ['sample'] }
      })
      nodeIn(base, 'sample.yaml').properties.tissue_type!.enum = ['Tumor', null]
      nodeIn(base, 'sample.yaml').properties.type = { enum: ['sample', null] }

      expect(reviewDictionary(base, head).changes).toEqual([
        {
          kind: 'enum',
          action: 'removed',
          node: 'sample',
          name: 'tissue_type',
          value: 'null',
          detail: 'value removed'
        },
        {
          kind: 'enum',
          action: 'removed',
          node: 'sample',
          name: 'type',
          value: 'null',
          detail: 'value removed',
          breaking: 'existing records with this value no longer validate'
        }
      ])
    })

    it('ignores the order of enum values', () => {
      const changes = changesAfter((head) => {
        const composition = nodeIn(head, 'sample.yaml').properties.composition!
        composition.enum = [...(composition.enum as string[])].reverse()
      })

      expect(changes).toEqual([])
    })

    it('compares the enum of array items as the property name with []', () => {
      const tags = (values: string[]) => ({
        type: 'array',
        items: { enum: values }
      })
      const { base, head } = gdcAndEdited((edited) => {
        nodeIn(edited, 'sample.yaml').properties.tags = tags(['a'])
      })
      nodeIn(base, 'sample.yaml').properties.tags = tags(['a', 'b'])

      expect(reviewDictionary(base, head).changes).toEqual([
        {
          kind: 'enum',
          action: 'removed',
          node: 'sample',
          name: 'tags[]',
          value: 'b',
          detail: 'value removed',
          breaking: 'existing records with this value no longer validate'
        }
      ])
    })
  })

  describe('links', () => {
    function editLink(
      head: Editable,
      file: string,
      edit: (link: Record<string, unknown>) => void
    ): void {
      edit(nodeIn(head, file).links[0]!)
    }

    it('flags a removed link as breaking', () => {
      const changes = changesAfter((head) => {
        const sample = nodeIn(head, 'sample.yaml')
        sample.links = sample.links.slice(0, 1)
        delete sample.properties.diagnoses
      })

      expect(changes).toEqual([
        {
          kind: 'link',
          action: 'removed',
          node: 'sample',
          name: 'diagnoses',
          detail: '→ diagnosis, many_to_one, backref samples',
          breaking:
            'existing links stay in their edge table, out of reach of the API'
        }
      ])
    })

    it('lists an optional link added as not breaking, a required one as breaking', () => {
      const link = {
        name: 'slides',
        backref: 'samples',
        label: 'related_to',
        target_type: 'slide',
        multiplicity: 'many_to_one'
      }
      const changes = changesAfter((head) => {
        nodeIn(head, 'sample.yaml').links.push({ ...link, required: false })
        nodeIn(head, 'aliquot.yaml').links.push({ ...link, required: true })
      })

      expect(changes).toEqual([
        {
          kind: 'link',
          action: 'added',
          node: 'aliquot',
          name: 'slides',
          detail: '→ slide, many_to_one, backref samples, required',
          breaking: 'it is required, and existing records have no such link'
        },
        {
          kind: 'link',
          action: 'added',
          node: 'sample',
          name: 'slides',
          detail: '→ slide, many_to_one, backref samples'
        }
      ])
    })

    it('flags a retargeted link as breaking', () => {
      const changes = changesAfter((head) => {
        editLink(head, 'aliquot.yaml', (link) => {
          link.target_type = 'case'
        })
      })

      expect(changes).toEqual([
        {
          kind: 'link',
          action: 'changed',
          node: 'aliquot',
          name: 'samples',
          detail: 'target sample → case',
          breaking: 'existing links point at sample'
        }
      ])
    })

    it('flags a narrower multiplicity as breaking, with what no longer fits', () => {
      const changes = changesAfter((head) => {
        editLink(head, 'aliquot.yaml', (link) => {
          link.multiplicity = 'one_to_one'
        })
      })

      expect(changes).toEqual([
        {
          kind: 'link',
          action: 'changed',
          node: 'aliquot',
          name: 'samples',
          detail: 'multiplicity many_to_many → one_to_one',
          breaking:
            'existing aliquot records may link to more than one sample, and sample records may have more than one aliquot linked'
        }
      ])
    })

    it('does not flag a wider multiplicity', () => {
      const changes = changesAfter((head) => {
        editLink(head, 'sample.yaml', (link) => {
          link.multiplicity = 'many_to_many'
        })
      })

      expect(changes).toEqual([
        {
          kind: 'link',
          action: 'changed',
          node: 'sample',
          name: 'cases',
          detail: 'multiplicity many_to_one → many_to_many'
        }
      ])
    })

    it('reports a new backref without calling it breaking', () => {
      const changes = changesAfter((head) => {
        editLink(head, 'sample.yaml', (link) => {
          link.backref = 'biospecimens'
        })
      })

      expect(changes).toEqual([
        {
          kind: 'link',
          action: 'changed',
          node: 'sample',
          name: 'cases',
          detail: 'backref samples → biospecimens'
        }
      ])
    })

    it('flags a new label as breaking: edges are stored per label', () => {
      const changes = changesAfter((head) => {
        editLink(head, 'sample.yaml', (link) => {
          link.label = 'taken_from'
        })
      })

      expect(changes).toEqual([
        {
          kind: 'link',
          action: 'changed',
          node: 'sample',
          name: 'cases',
          detail: 'label derived_from → taken_from',
          breaking:
            'links are stored per label: existing ones stay in the old edge table'
        }
      ])
    })

    it('flags a link made required as breaking, and not the reverse', () => {
      const changes = changesAfter((head) => {
        nodeIn(head, 'sample.yaml').links[1]!.required = true
        nodeIn(head, 'aliquot.yaml').links[0]!.required = false
      })

      expect(changes).toEqual([
        {
          kind: 'link',
          action: 'changed',
          node: 'aliquot',
          name: 'samples',
          detail: 'no longer required'
        },
        {
          kind: 'link',
          action: 'changed',
          node: 'sample',
          name: 'diagnoses',
          detail: 'now required',
          breaking: 'existing records without this link no longer validate'
        }
      ])
    })

    it('flags a link moved into an exclusive group as breaking', () => {
      const changes = changesAfter((head) => {
        const sample = nodeIn(head, 'sample.yaml')
        const [cases, diagnoses] = sample.links
        sample.links = [
          cases!,
          { exclusive: true, required: false, subgroup: [diagnoses] }
        ]
      })

      expect(changes).toEqual([
        {
          kind: 'link',
          action: 'changed',
          node: 'sample',
          name: 'diagnoses',
          detail: 'group: no group → an exclusive group',
          breaking:
            'the link is now in an exclusive group: existing records may not satisfy it'
        }
      ])
    })
  })
})

describeWithShared('comparing real dictionaries', () => {
  it.each([['ardac'], ['umccr-beacon']])(
    'finds no change between the reference compile of %s and the one the centre published',
    (name) => {
      const review = reviewDictionary(
        compiled(`${name}.compiled`),
        compiled(`${name}.published`)
      )

      expect(review.changes).toEqual([])
      expect(review.problems).toEqual({ base: [], head: [] })
    }
  )

  it('resolves every reference of the seven real dictionaries', () => {
    const names = [
      'gdcdictionary',
      'kf-dictionary',
      'ndhdictionary',
      'anvil',
      'midrc',
      'umccr-beacon',
      'ardac'
    ]
    for (const name of names) {
      const dictionary = compiled(`${name}.compiled`)
      expect([name, reviewDictionary({}, dictionary).problems.head]).toEqual([
        name,
        []
      ])
    }
  })

  it('sees everything as added when the base has no dictionary', () => {
    const review = reviewDictionary({}, compiled('tiny.compiled'))

    expect(review.changes).toEqual([
      {
        kind: 'node',
        action: 'added',
        node: 'program',
        detail: '4 properties, 0 links'
      },
      {
        kind: 'node',
        action: 'added',
        node: 'project',
        detail: '10 properties, 1 link'
      },
      {
        kind: 'node',
        action: 'added',
        node: 'sample',
        detail: '9 properties, 1 link'
      },
      {
        kind: 'node',
        action: 'added',
        node: 'subject',
        detail: '8 properties, 1 link'
      }
    ])
    expect(review.nodes).toEqual({ base: 0, head: 4 })
  })

  it('finds the differences between gdcdictionary and kf-dictionary, breaking ones included', () => {
    const review = reviewDictionary(
      compiled('gdcdictionary.compiled'),
      compiled('kf-dictionary.compiled')
    )
    const removed = review.changes
      .filter((change) => change.kind === 'node' && change.action === 'removed')
      .map((change) => change.node)

    expect(removed).toContain('case')
    expect(
      review.changes.find(
        (change) => change.node === 'case' && change.kind === 'node'
      )?.breaking
    ).toMatch(/^sheepdog never drops tables: node_case/)
  })
})
