import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  CloudFormationClient,
  CreateChangeSetCommand
} from '@aws-sdk/client-cloudformation'
import { mockClient } from 'aws-sdk-client-mock'

import { setNatGatewayRemoved } from '../../src/instance/nat-gateway.js'
import { Deadline } from '../../src/wait/clock.js'
import { contextFor, stackOfChangeSets } from './world.js'

const cloudFormation = mockClient(CloudFormationClient)

function removeIt() {
  const { context, clock, reporter } = contextFor('hibernate')
  const change = setNatGatewayRemoved(
    context,
    true,
    Deadline.ofMinutes(clock, 10)
  )
  return { change, reporter }
}

beforeEach(() => {
  cloudFormation.reset()
})

describe("removing the stack's NAT gateway while the commons sleeps", () => {
  it('sets NatGatewayRemoved through a change set that removes the gateway and aims the route elsewhere', async () => {
    const { asked } = stackOfChangeSets(cloudFormation, 'true', 'false')

    const { change, reporter } = removeIt()

    await expect(change).resolves.toBe('changed')
    expect(asked('NatGatewayRemoved')).toEqual(['true'])
    expect(asked('Hibernated')).toEqual([])
    expect(reporter.at('info')).toContain(
      '  Remove NatGateway (AWS::EC2::NatGateway)'
    )
  })

  it("says plainly, without a warning, that a stack in the centre's VPC has none to remove", async () => {
    stackOfChangeSets(cloudFormation, 'true')

    const { change, reporter } = removeIt()

    await expect(change).resolves.toBe('absent')
    expect(cloudFormation.commandCalls(CreateChangeSetCommand)).toHaveLength(0)
    expect(reporter.at('warning')).toEqual([])
    expect(reporter.at('info')).toEqual([
      "The stack 'gen3-poc' has no NatGatewayRemoved parameter: it has no NAT gateway of its own to remove (it uses the centre's VPC), or was deployed before it had the switch (deploy adds it)."
    ])
  })
})
