import type { Context } from '../commands/context.js'
import { natGatewayRemovedParameter } from '../stack/stack-parameters.js'
import type { StackSwitch, SwitchChange } from '../stack/switch.js'
import { setSwitch } from '../stack/switch.js'
import type { Deadline } from '../wait/clock.js'

/** The NatGatewayRemoved parameter of a stack that made its own network. */
const natGateway: StackSwitch = {
  parameter: natGatewayRemovedParameter,
  absent: {
    level: 'info',
    message: (stackName) =>
      `The stack '${stackName}' has no ${natGatewayRemovedParameter} parameter: it has no NAT gateway of its own to remove (it uses the centre's VPC), or was deployed before it had the switch (deploy adds it).`
  }
}

/**
 * Removes the stack's NAT gateway while the commons sleeps, or makes it again
 * before the instance wakes: the instance reaches SSM and the container
 * registries through it. Its Elastic IP stays allocated either way.
 */
export function setNatGatewayRemoved(
  context: Context,
  removed: boolean,
  deadline: Deadline
): Promise<SwitchChange> {
  return setSwitch(context, natGateway, removed, deadline)
}
