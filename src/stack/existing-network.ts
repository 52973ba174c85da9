import type { EC2Client, Subnet } from '@aws-sdk/client-ec2'
import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2'

import type { InputProblem } from '../errors.js'
import { InputError } from '../errors.js'
import type { Network } from '../inputs/schema.js'

type ExistingNetwork = Extract<Network, { kind: 'existing' }>

/** The input that names a subnet, for the error that points at it. */
function inputOf(network: ExistingNetwork, subnetId: string): string {
  return network.publicSubnetIds.includes(subnetId)
    ? 'public-subnet-ids'
    : 'private-subnet-id'
}

async function describeSubnets(
  ec2: EC2Client,
  network: ExistingNetwork
): Promise<Subnet[]> {
  const ids = [...network.publicSubnetIds, network.privateSubnetId]
  try {
    const described = await ec2.send(
      new DescribeSubnetsCommand({ SubnetIds: ids })
    )
    return described.Subnets ?? []
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'InvalidSubnetID.NotFound')
      throw error

    const region = await ec2.config.region()
    const missing = ids.filter((id) => error.message.includes(id))
    throw new InputError(
      (missing.length > 0 ? missing : ids).map((id) => ({
        input: inputOf(network, id),
        value: id,
        expected: `a subnet that exists in ${region}, the region the stack goes to`
      }))
    )
  }
}

/**
 * What synth cannot see without an account: that the centre's subnets exist
 * in the stack's region, belong to vpc-id, and put the load balancer in two
 * availability zones. CloudFormation would otherwise fail minutes into the
 * stack, after the certificate and security groups were made.
 */
export async function checkExistingNetwork(
  ec2: EC2Client,
  network: ExistingNetwork
): Promise<void> {
  const subnets = await describeSubnets(ec2, network)
  const problems: InputProblem[] = []

  for (const subnet of subnets) {
    const id = subnet.SubnetId ?? ''
    if (subnet.VpcId !== network.vpcId) {
      problems.push({
        input: inputOf(network, id),
        value: id,
        expected: `a subnet of ${network.vpcId} (the vpc-id input); ${id} is in ${subnet.VpcId ?? 'no VPC'}`
      })
    }
  }

  const zones = new Set(
    subnets
      .filter((subnet) =>
        network.publicSubnetIds.includes(subnet.SubnetId ?? '')
      )
      .map((subnet) => subnet.AvailabilityZone ?? '')
  )
  if (zones.size < 2) {
    problems.push({
      input: 'public-subnet-ids',
      value: network.publicSubnetIds.join(','),
      expected: `public subnets in at least two availability zones, which an internet-facing load balancer needs; these are all in ${[...zones].join(', ') || 'an unknown zone'}`
    })
  }

  if (problems.length > 0) throw new InputError(problems)
}
