import { describe, expect, it } from '@jest/globals'

import {
  capabilitiesFor,
  chooseParameters,
  needsImage,
  replaceParameters
} from '../../src/stack/stack-parameters.js'
import type { Json } from '../../src/template/cloudformation.js'
import type { Template } from '../../src/template/synthesise.js'
import { synthesis, template } from './fixtures.js'

describe('the parameters a deploy sends', () => {
  it('on create: the AMI, Hibernated false, and the synthesis values', () => {
    expect(chooseParameters(synthesis, undefined, 'ami-1')).toEqual([
      { key: 'ImageId', value: 'ami-1' },
      { key: 'Hibernated', value: 'false' },
      { key: 'InstanceType', value: 'm5.2xlarge' }
    ])
    expect(needsImage(template, undefined)).toBe(true)
  })

  it('on update: ImageId and Hibernated keep their previous values', () => {
    const previous = {
      ImageId: 'ami-0',
      Hibernated: 'true',
      InstanceType: 'm5.xlarge'
    }

    expect(chooseParameters(synthesis, previous, undefined)).toEqual([
      { key: 'ImageId', usePreviousValue: true },
      { key: 'Hibernated', usePreviousValue: true },
      { key: 'InstanceType', value: 'm5.2xlarge' }
    ])
    expect(needsImage(template, previous)).toBe(false)
  })

  it('on update of a stack that lacks Hibernated: starts it awake', () => {
    expect(
      chooseParameters(synthesis, { ImageId: 'ami-0' }, undefined)
    ).toContainEqual({ key: 'Hibernated', value: 'false' })
  })

  it('starts the NAT gateway awake on create and never touches it on update', () => {
    const withNat: Template = {
      ...template,
      Parameters: {
        ...template.Parameters,
        NatGatewayRemoved: {
          Type: 'String',
          AllowedValues: ['false', 'true'],
          Description: 'Whether the NAT gateway is removed'
        }
      }
    }
    const natSynthesis = { ...synthesis, template: withNat }

    expect(chooseParameters(natSynthesis, undefined, 'ami-1')).toContainEqual({
      key: 'NatGatewayRemoved',
      value: 'false'
    })
    expect(
      chooseParameters(
        natSynthesis,
        { ImageId: 'ami-0', Hibernated: 'true', NatGatewayRemoved: 'true' },
        undefined
      )
    ).toContainEqual({ key: 'NatGatewayRemoved', usePreviousValue: true })
  })

  it('sends only the parameters the template declares', () => {
    expect(
      chooseParameters(
        { ...synthesis, parameters: { InstanceType: 't3.large', Other: 'x' } },
        { ImageId: 'ami-0', Hibernated: 'false' },
        undefined
      )
    ).toEqual([
      { key: 'ImageId', usePreviousValue: true },
      { key: 'Hibernated', usePreviousValue: true },
      { key: 'InstanceType', value: 't3.large' }
    ])
  })

  it('keeps all but the given ones for a parameter update', () => {
    expect(
      replaceParameters(
        { ImageId: 'ami-0', Hibernated: 'false' },
        { Hibernated: 'true' }
      )
    ).toEqual([
      { key: 'ImageId', usePreviousValue: true },
      { key: 'Hibernated', value: 'true' }
    ])
  })
})

describe('the capabilities a template needs', () => {
  const withRole = (properties: Record<string, Json>): Template => ({
    ...template,
    Resources: { Role: { Type: 'AWS::IAM::Role', Properties: properties } }
  })

  it('is CAPABILITY_IAM for an unnamed role', () => {
    expect(capabilitiesFor(withRole({}))).toEqual(['CAPABILITY_IAM'])
  })

  it('is CAPABILITY_NAMED_IAM when a role has a name', () => {
    expect(capabilitiesFor(withRole({ RoleName: 'gen3' }))).toEqual([
      'CAPABILITY_NAMED_IAM'
    ])
  })

  it('is nothing without IAM resources', () => {
    expect(
      capabilitiesFor({
        ...template,
        Resources: { Vpc: { Type: 'AWS::EC2::VPC' } }
      })
    ).toEqual([])
  })
})
