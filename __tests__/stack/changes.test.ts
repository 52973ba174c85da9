import { describe, expect, it } from '@jest/globals'

import type { ResourceChange } from '../../src/stack/changes.js'
import { changeLine, changeTable } from '../../src/stack/changes.js'
import { describeDanger, findDangers } from '../../src/stack/replacement.js'

function resource(
  logicalId: string,
  type: string,
  action: string,
  replacement = '',
  details: Partial<ResourceChange['details'][number]>[] = []
): ResourceChange {
  return {
    logicalId,
    type,
    action,
    replacement,
    details: details.map((detail) => ({
      attribute: 'Properties',
      name: '',
      recreation: 'Never',
      source: 'DirectModification',
      causedBy: '',
      ...detail
    }))
  }
}

describe('showing a change set', () => {
  const replaced = resource(
    'Instance',
    'AWS::EC2::Instance',
    'Modify',
    'True',
    [
      {
        name: 'ImageId',
        recreation: 'Always',
        source: 'ParameterReference',
        causedBy: 'ImageId'
      },
      { name: 'Tags' }
    ]
  )

  it('writes one line per change with the properties and what changes them', () => {
    expect(changeLine(replaced)).toBe(
      'Replace Instance (AWS::EC2::Instance): ImageId (from ImageId), Tags'
    )
    expect(
      changeLine(
        resource(
          'Listener',
          'AWS::ElasticLoadBalancingV2::Listener',
          'Modify',
          'Conditional'
        )
      )
    ).toBe(
      'Modify (may replace) Listener (AWS::ElasticLoadBalancingV2::Listener)'
    )
  })

  it('makes a Markdown table, escaping pipes', () => {
    expect(
      changeTable([
        replaced,
        resource(
          'Rule|1',
          'AWS::ElasticLoadBalancingV2::ListenerRule',
          'Remove'
        )
      ])
    ).toBe(
      [
        '| Resource | Type | Action | Replacement | Changed properties |',
        '| --- | --- | --- | --- | --- |',
        '| Instance | AWS::EC2::Instance | Replace | True | ImageId (from ImageId), Tags |',
        '| Rule\\|1 | AWS::ElasticLoadBalancingV2::ListenerRule | Remove | - | - |',
        ''
      ].join('\n')
    )
  })

  it('says so when there is nothing to show', () => {
    expect(changeTable([])).toBe('_No changes._\n')
  })
})

describe('spotting a change that would lose the database', () => {
  it('finds a replaced instance and names the property and its cause', () => {
    const [danger, ...rest] = findDangers([
      resource('Instance', 'AWS::EC2::Instance', 'Modify', 'True', [
        {
          name: 'ImageId',
          recreation: 'Always',
          source: 'ParameterReference',
          causedBy: 'ImageId'
        },
        { name: 'Tags', recreation: 'Never' }
      ])
    ])

    expect(rest).toEqual([])
    expect(describeDanger(danger!)).toBe(
      'would replace Instance (AWS::EC2::Instance) because of property ImageId changed by parameter ImageId'
    )
  })

  it('finds a separate data volume of the template by its type', () => {
    const dangers = findDangers([
      resource('DataVolume', 'AWS::EC2::Volume', 'Modify', 'True', [
        { name: 'AvailabilityZone', recreation: 'Always' }
      ])
    ])

    expect(dangers.map(describeDanger)).toEqual([
      'would replace DataVolume (AWS::EC2::Volume) because of property AvailabilityZone'
    ])
  })

  it('says when CloudFormation gave no property', () => {
    expect(
      findDangers([
        resource('Instance', 'AWS::EC2::Instance', 'Modify', 'True')
      ]).map(describeDanger)
    ).toEqual([
      'would replace Instance (AWS::EC2::Instance) because of CloudFormation did not say which property'
    ])
  })

  it('lets everything else through: in-place changes, other resources, additions', () => {
    expect(
      findDangers([
        resource('Instance', 'AWS::EC2::Instance', 'Modify', 'False', [
          { name: 'InstanceType', recreation: 'Never' }
        ]),
        resource(
          'LoadBalancer',
          'AWS::ElasticLoadBalancingV2::LoadBalancer',
          'Modify',
          'True'
        ),
        resource(
          'Certificate',
          'AWS::CertificateManager::Certificate',
          'Remove'
        ),
        resource('Instance', 'AWS::EC2::Instance', 'Add')
      ])
    ).toEqual([])
  })
})
