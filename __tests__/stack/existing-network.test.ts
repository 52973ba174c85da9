import { beforeEach, describe, expect, it } from '@jest/globals'
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2'
import type { Subnet } from '@aws-sdk/client-ec2'
import { mockClient } from 'aws-sdk-client-mock'

import { InputError } from '../../src/errors.js'
import { checkExistingNetwork } from '../../src/stack/existing-network.js'

const ec2 = mockClient(EC2Client)
const client = new EC2Client({ region: 'ap-southeast-2' })

const vpcId = 'vpc-0123456789abcdef0'
const publicA = 'subnet-0123456789abcdef0'
const publicB = 'subnet-0123456789abcdef1'
const privateSubnet = 'subnet-0123456789abcdef2'
const network = {
  kind: 'existing' as const,
  vpcId,
  publicSubnetIds: [publicA, publicB],
  privateSubnetId: privateSubnet
}

function subnet(id: string, zone: string, vpc = vpcId): Subnet {
  return { SubnetId: id, AvailabilityZone: zone, VpcId: vpc }
}

function notFound(message: string): Error {
  return Object.assign(new Error(message), {
    name: 'InvalidSubnetID.NotFound'
  })
}

async function problemsOf(): Promise<unknown> {
  try {
    await checkExistingNetwork(client, network)
  } catch (error) {
    if (error instanceof InputError) return error.problems
    throw error
  }
  return []
}

beforeEach(() => {
  ec2.reset()
})

describe("checking the centre's VPC and subnets before anything is built", () => {
  it('passes subnets of the VPC with the load balancer in two zones', async () => {
    ec2.on(DescribeSubnetsCommand).resolves({
      Subnets: [
        subnet(publicA, 'ap-southeast-2a'),
        subnet(publicB, 'ap-southeast-2b'),
        subnet(privateSubnet, 'ap-southeast-2a')
      ]
    })

    await expect(problemsOf()).resolves.toEqual([])
    expect(ec2.commandCalls(DescribeSubnetsCommand)[0]?.args[0].input).toEqual({
      SubnetIds: [publicA, publicB, privateSubnet]
    })
  })

  it('refuses public subnets that are all in one availability zone', async () => {
    ec2.on(DescribeSubnetsCommand).resolves({
      Subnets: [
        subnet(publicA, 'ap-southeast-2a'),
        subnet(publicB, 'ap-southeast-2a'),
        subnet(privateSubnet, 'ap-southeast-2b')
      ]
    })

    await expect(problemsOf()).resolves.toEqual([
      {
        input: 'public-subnet-ids',
        value: `${publicA},${publicB}`,
        expected:
          'public subnets in at least two availability zones, which an internet-facing load balancer needs; these are all in ap-southeast-2a'
      }
    ])
  })

  it('refuses a subnet of another VPC, naming the input that holds it', async () => {
    ec2.on(DescribeSubnetsCommand).resolves({
      Subnets: [
        subnet(publicA, 'ap-southeast-2a'),
        subnet(publicB, 'ap-southeast-2b'),
        subnet(privateSubnet, 'ap-southeast-2a', 'vpc-0fedcba9876543210')
      ]
    })

    await expect(problemsOf()).resolves.toEqual([
      {
        input: 'private-subnet-id',
        value: privateSubnet,
        expected: `a subnet of ${vpcId} (the vpc-id input); ${privateSubnet} is in vpc-0fedcba9876543210`
      }
    ])
  })

  it('refuses subnets that do not exist in the region', async () => {
    ec2
      .on(DescribeSubnetsCommand)
      .rejects(
        notFound(
          `The subnet ID '${publicB}' does not exist, nor does '${privateSubnet}'`
        )
      )

    await expect(problemsOf()).resolves.toEqual([
      {
        input: 'public-subnet-ids',
        value: publicB,
        expected:
          'a subnet that exists in ap-southeast-2, the region the stack goes to'
      },
      {
        input: 'private-subnet-id',
        value: privateSubnet,
        expected:
          'a subnet that exists in ap-southeast-2, the region the stack goes to'
      }
    ])
  })

  it('lets any other failure through unchanged', async () => {
    ec2.on(DescribeSubnetsCommand).rejects(
      Object.assign(new Error('User is not authorized'), {
        name: 'UnauthorizedOperation'
      })
    )

    await expect(checkExistingNetwork(client, network)).rejects.toThrow(
      'User is not authorized'
    )
  })
})
