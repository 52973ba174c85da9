import { describe, expect, it } from '@jest/globals'

import {
  checkTemplate,
  TemplateCheckError,
  unresolvedReferences
} from '../../src/template/checks.js'
import { synthesise } from '../../src/template/synthesise.js'
import type { Template } from '../../src/template/synthesise.js'
import { inputsFor } from './variants.js'

const { template, body } = synthesise(inputsFor())

function changed(change: (copy: Template) => void): Template {
  const copy = JSON.parse(JSON.stringify(template)) as Template
  change(copy)
  return copy
}

describe("the template's own reference check", () => {
  it('finds nothing wrong in the synthesised template', () => {
    expect(unresolvedReferences(template)).toEqual([])
  })

  it('finds a Ref to nothing', () => {
    expect(
      unresolvedReferences(
        changed((copy) => {
          copy.Resources.InstanceProfile!.Properties!.Roles = [
            { Ref: 'InstanceRoel' }
          ]
        })
      )
    ).toEqual([
      "InstanceProfile names 'InstanceRoel' in Ref, which is not defined"
    ])
  })

  it('finds a GetAtt of a parameter', () => {
    expect(
      unresolvedReferences(
        changed((copy) => {
          copy.Outputs!.Url!.Value = { 'Fn::GetAtt': ['DomainName', 'Value'] }
        })
      )
    ).toEqual([
      "output Url names 'DomainName' in Fn::GetAtt, which is not defined"
    ])
  })

  it('finds a name in a Sub string that is not defined', () => {
    expect(
      unresolvedReferences(
        changed((copy) => {
          copy.Outputs!.Url!.Value = { 'Fn::Sub': 'https://${Domain}' }
        })
      )
    ).toEqual(["output Url names 'Domain' in Fn::Sub, which is not defined"])
  })

  it('ignores ${!literal} in a Sub string', () => {
    expect(
      unresolvedReferences(
        changed((copy) => {
          copy.Outputs!.Url!.Value = { 'Fn::Sub': 'https://${!Domain}' }
        })
      )
    ).toEqual([])
  })

  it('finds an unconditional resource naming one that exists only while hibernated', () => {
    expect(
      unresolvedReferences(
        changed((copy) => {
          copy.Resources.Instance!.DependsOn = ['SleepPageHtml']
        })
      )
    ).toEqual([
      "Instance names 'SleepPageHtml', which exists only when IsHibernated"
    ])
  })

  it('accepts a conditional resource named in the true branch of an Fn::If on its own condition', () => {
    expect(
      unresolvedReferences(
        changed((copy) => {
          copy.Outputs!.Url!.Value = {
            'Fn::If': ['IsHibernated', { Ref: 'SleepPageHtml' }, 'awake']
          }
        })
      )
    ).toEqual([])
  })

  it('finds a conditional resource named in the false branch of an Fn::If on its condition', () => {
    expect(
      unresolvedReferences(
        changed((copy) => {
          copy.Resources.PrivateRoute!.Properties!.NatGatewayId = {
            'Fn::If': [
              'HasNatGateway',
              { Ref: 'AWS::NoValue' },
              { Ref: 'NatGateway' }
            ]
          }
        })
      )
    ).toEqual([
      "PrivateRoute names 'NatGateway', which exists only when HasNatGateway"
    ])
  })

  it('finds a condition that is not defined', () => {
    expect(
      unresolvedReferences(
        changed((copy) => {
          copy.Resources.SleepPageHtml!.Condition = 'IsAsleep'
        })
      )
    ).toEqual(['SleepPageHtml has the undefined condition IsAsleep'])
  })
})

describe('checking the template before it is used', () => {
  it('passes the synthesised template, saying what was checked', () => {
    expect(checkTemplate(template, body, ['x'.repeat(1024)])).toEqual([
      {
        name: 'references resolve',
        detail:
          'every Ref, GetAtt, Sub and DependsOn of the 33 resources and 8 outputs names something defined, under the same condition'
      },
      {
        name: 'body fits inline',
        detail: `${Buffer.byteLength(body).toLocaleString('en-US')} bytes, under CloudFormation's 51,200-byte TemplateBody limit`
      },
      {
        name: 'sleep page fits a fixed response',
        detail:
          'the longest body has 1024 of the 1,024 characters a load balancer fixed response allows'
      }
    ])
  })

  it('fails on a broken reference, calling it a bug of the action', () => {
    const broken = changed((copy) => {
      copy.Outputs!.InstanceId!.Value = { Ref: 'Instanse' }
    })

    expect(() => checkTemplate(broken, body, ['x'])).toThrow(
      new TemplateCheckError('references resolve', [
        "output InstanceId names 'Instanse' in Ref, which is not defined"
      ])
    )
    expect(() => checkTemplate(broken, body, ['x'])).toThrow(
      "The synthesised template failed the check 'references resolve': output InstanceId names 'Instanse' in Ref, which is not defined. This is a bug in the action: please report it with your inputs."
    )
  })

  it('fails on a body too large to send inline', () => {
    expect(() => checkTemplate(template, 'x'.repeat(51_200), ['x'])).toThrow(
      "failed the check 'body fits inline': 51200 bytes, the limit is 51200"
    )
  })

  it('fails on a sleep page too long for a fixed response', () => {
    expect(() => checkTemplate(template, body, ['x'.repeat(1025)])).toThrow(
      "failed the check 'sleep page fits a fixed response': a body of 1025 characters, the limit is 1024"
    )
  })
})
