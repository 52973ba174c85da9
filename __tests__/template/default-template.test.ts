import { readFileSync } from 'node:fs'

import { describe, expect, it } from '@jest/globals'

import { renderDefaultTemplate } from '../../scripts/render-template.js'

describe('the rendered template for the CloudFormation console', () => {
  it('is the generator output for the default inputs, byte for byte (npm run templates rewrites it)', () => {
    const file = readFileSync(
      new URL('../../templates/gen3-poc.template.json', import.meta.url),
      'utf8'
    )

    expect(file).toBe(
      renderDefaultTemplate(new URL('../../action.yml', import.meta.url))
    )
  })

  it('leaves the domain, hosted zone and AMI for the console to ask for', () => {
    const template = JSON.parse(
      renderDefaultTemplate(new URL('../../action.yml', import.meta.url))
    ) as { Parameters: Record<string, { Default?: string }> }

    expect(
      Object.entries(template.Parameters).map(([name, parameter]) => [
        name,
        parameter.Default
      ])
    ).toEqual([
      ['DomainName', undefined],
      ['HostedZoneId', undefined],
      ['ImageId', undefined],
      ['Hibernated', 'false'],
      ['NatGatewayRemoved', 'false']
    ])
  })
})
