import { describe, expect, it } from '@jest/globals'

import { inlineBodyLimit } from '../../src/template/checks.js'
import { synthesise } from '../../src/template/synthesise.js'
import type { Template } from '../../src/template/synthesise.js'
import { schemaProblems, taggableResources } from './schema.js'
import { inputsFor, variants } from './variants.js'

/**
 * Every shape of the stack, awake and hibernated, against the official
 * CloudFormation resource schemas. cfn-lint 1.45.0 reports no error and no
 * warning on the same variants (run by hand; see the README's "Proof").
 */
const values = {
  DomainName: 'gen3.example.org',
  HostedZoneId: 'Z0123456789ABCDEFGHIJ',
  ImageId: 'ami-0123456789abcdef0'
}

/** Awake, sleep page on, and asleep with the NAT gateway removed. */
const switches = [
  { Hibernated: 'false', NatGatewayRemoved: 'false' },
  { Hibernated: 'true', NatGatewayRemoved: 'false' },
  { Hibernated: 'true', NatGatewayRemoved: 'true' }
]

const cases = variants.flatMap(([name, given]) =>
  switches.map(
    (set) =>
      [
        `${name}, Hibernated=${set.Hibernated}, NatGatewayRemoved=${set.NatGatewayRemoved}`,
        { ...given, tags: 'team=genomics' },
        set
      ] as const
  )
)

describe('the template against the CloudFormation schemas', () => {
  it.each(cases)(
    'has known types and properties of the right kind, required ones present, and references that resolve: %s',
    (_, given, set) => {
      const { template } = synthesise(inputsFor(given), {
        repository: 'umccr/gen3-poc'
      })

      expect(schemaProblems(template, { ...values, ...set })).toEqual([])
    }
  )

  it.each(variants)('fits inline in a TemplateBody: %s', (_, given) => {
    const { body } = synthesise(inputsFor(given), {
      repository: `${'o'.repeat(39)}/${'r'.repeat(100)}`
    })
    expect(Buffer.byteLength(body)).toBeLessThan(inlineBodyLimit)
    expect(inlineBodyLimit).toBe(51_200)
  })

  it.each(variants)(
    'tags every taggable resource but listeners and their rules: %s',
    (_, given) => {
      const { template } = synthesise(
        inputsFor({ ...given, tags: 'team=genomics' })
      )
      const taggable = taggableResources(template)

      expect(taggable.length).toBeGreaterThan(5)
      for (const { name, type, tags } of taggable) {
        if (type.startsWith('AWS::ElasticLoadBalancingV2::Listener')) continue
        expect([name, tags]).toEqual([
          name,
          expect.arrayContaining([
            { Key: 'team', Value: 'genomics' },
            { Key: 'gen3-poc:stack', Value: { Ref: 'AWS::StackName' } }
          ])
        ])
      }
    }
  )
})

describe('the schema check itself', () => {
  const { template } = synthesise(inputsFor())

  function broken(change: (copy: Template) => void): string[] {
    const copy = JSON.parse(JSON.stringify(template)) as Template
    change(copy)
    return schemaProblems(copy, { ...values, Hibernated: 'false' })
  }

  it('finds an unknown property', () => {
    expect(
      broken((copy) => {
        copy.Resources.Instance = {
          ...copy.Resources.Instance!,
          Properties: { ...copy.Resources.Instance!.Properties, KeyPair: 'x' }
        }
      })
    ).toEqual(['Instance.KeyPair: no such property'])
  })

  it('finds a value of the wrong kind', () => {
    expect(
      broken((copy) => {
        copy.Resources.TargetGroup!.Properties!.Port = '80'
      })
    ).toEqual(['TargetGroup.Port: expected a number, got "80"'])
  })

  it('looks into nested property types', () => {
    expect(
      broken((copy) => {
        copy.Resources.Instance!.Properties!.HibernationOptions = {
          Configured: 'yes',
          Hibernate: true
        }
      })
    ).toEqual([
      'Instance.HibernationOptions.Configured: expected a boolean, got "yes"',
      'Instance.HibernationOptions.Hibernate: no such property'
    ])
  })

  it('finds a missing required property', () => {
    expect(
      broken((copy) => {
        delete copy.Resources.InstanceSecurityGroup!.Properties!
          .GroupDescription
      })
    ).toEqual(['InstanceSecurityGroup.GroupDescription: required but missing'])
  })

  it('finds an attribute the resource type does not have', () => {
    expect(
      broken((copy) => {
        copy.Outputs!.LoadBalancerDnsName!.Value = {
          'Fn::GetAtt': ['LoadBalancer', 'DnsName']
        }
      })
    ).toEqual([
      expect.stringMatching(
        /^output LoadBalancerDnsName: AWS::ElasticLoadBalancingV2::LoadBalancer has no attribute DnsName/
      )
    ])
  })

  it('finds a reference to a resource that exists only while hibernated', () => {
    expect(
      broken((copy) => {
        copy.Outputs!.Url!.Value = { Ref: 'SleepPageHtml' }
      })
    ).toEqual(['output Url: SleepPageHtml is not defined here'])
  })

  it('follows the branch of an Fn::If that its condition chooses', () => {
    const asleep = (copy: Template) => {
      copy.Resources.PrivateRoute!.Properties!.GatewayId = {
        'Fn::If': ['HasNatGateway', { Ref: 'AWS::NoValue' }, { Ref: 'Nat' }]
      }
    }
    const copy = JSON.parse(JSON.stringify(template)) as Template
    asleep(copy)

    expect(
      schemaProblems(copy, {
        ...values,
        Hibernated: 'true',
        NatGatewayRemoved: 'true'
      })
    ).toEqual(['PrivateRoute: Nat is not defined here'])
    expect(broken(asleep)).toEqual([])
  })

  it('finds an unknown resource type', () => {
    expect(
      broken((copy) => {
        copy.Resources.DomainRecord!.Type = 'AWS::Route53::Record'
      })
    ).toEqual(['DomainRecord: unknown resource type AWS::Route53::Record'])
  })
})
