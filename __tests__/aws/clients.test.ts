import { createServer } from 'node:http'
import type { IncomingMessage, Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2'
import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2'
import { DescribeInstanceInformationCommand } from '@aws-sdk/client-ssm'

import { AwsClients, resolveRegion } from '../../src/aws/clients.js'
import { findStack } from '../../src/stack/commons.js'

/** What the local endpoint was sent: the API action of each request. */
interface Received {
  host: string
  action: string
}

const describeStacksAnswer = `<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
  <DescribeStacksResult>
    <Stacks>
      <member>
        <StackName>gen3-poc</StackName>
        <StackId>arn:aws:cloudformation:ap-southeast-2:000000000000:stack/gen3-poc/1</StackId>
        <StackStatus>UPDATE_COMPLETE</StackStatus>
        <CreationTime>2026-11-01T00:00:00Z</CreationTime>
      </member>
    </Stacks>
  </DescribeStacksResult>
  <ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>
</DescribeStacksResponse>`

function actionOf(request: IncomingMessage, body: string): string {
  const target = request.headers['x-amz-target']
  if (typeof target === 'string') return target
  return new URLSearchParams(body).get('Action') ?? ''
}

/**
 * A stand-in for an AWS-compatible endpoint (LocalStack, moto): answers
 * CloudFormation's DescribeStacks, and anything else with an error, after
 * noting what was asked.
 */
function startEndpoint(received: Received[]): Promise<Server> {
  const server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString()))
    request.on('end', () => {
      const action = actionOf(request, body)
      received.push({ host: request.headers.host ?? '', action })
      if (action === 'DescribeStacks') {
        response.writeHead(200, { 'content-type': 'text/xml' })
        response.end(describeStacksAnswer)
      } else {
        response.writeHead(400, { 'content-type': 'application/json' })
        response.end(
          JSON.stringify({ __type: 'ValidationError', message: 'not here' })
        )
      }
    })
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      resolve(server)
    })
  )
}

describe('the AWS clients', () => {
  const saved = { ...process.env }
  const received: Received[] = []
  let server: Server
  let endpoint: string

  beforeEach(async () => {
    received.length = 0
    server = await startEndpoint(received)
    endpoint = `127.0.0.1:${(server.address() as AddressInfo).port}`
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE'
    process.env.AWS_SECRET_ACCESS_KEY = 'secret'
  })

  afterEach(async () => {
    process.env = { ...saved }
    await new Promise((resolve) => server.close(resolve))
  })

  it('run unchanged against AWS_ENDPOINT_URL: the stack is read from it', async () => {
    process.env.AWS_ENDPOINT_URL = `http://${endpoint}`
    const clients = new AwsClients('ap-southeast-2')

    const found = await findStack(clients.cloudFormation, 'gen3-poc')

    expect(found).toMatchObject({
      StackName: 'gen3-poc',
      StackStatus: 'UPDATE_COMPLETE'
    })
    expect(received).toEqual([{ host: endpoint, action: 'DescribeStacks' }])
  })

  it('send every service to AWS_ENDPOINT_URL: EC2, SSM and the load balancer too', async () => {
    process.env.AWS_ENDPOINT_URL = `http://${endpoint}`
    const clients = new AwsClients('ap-southeast-2')

    await Promise.allSettled([
      clients.ec2.send(
        new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })
      ),
      clients.ssm.send(new DescribeInstanceInformationCommand({})),
      clients.elbv2.send(
        new DescribeTargetHealthCommand({ TargetGroupArn: 'arn:aws:tg' })
      )
    ])

    expect(received.map((request) => request.host)).toEqual([
      endpoint,
      endpoint,
      endpoint
    ])
    expect(received.map((request) => request.action).sort()).toEqual([
      'AmazonSSM.DescribeInstanceInformation',
      'DescribeInstances',
      'DescribeTargetHealth'
    ])
  })

  it('retry in the SDK adaptive mode, eight attempts at most', async () => {
    const clients = new AwsClients('ap-southeast-2')

    for (const client of [
      clients.cloudFormation,
      clients.ec2,
      clients.ssm,
      clients.elbv2
    ]) {
      const strategy = await client.config.retryStrategy()
      expect(strategy).toMatchObject({ mode: 'adaptive' })
      expect(await client.config.maxAttempts()).toBe(8)
    }
  })
})

describe('the region', () => {
  it('is the input when given', () => {
    expect(resolveRegion('eu-west-1', { AWS_REGION: 'us-east-1' })).toBe(
      'eu-west-1'
    )
  })

  it('is AWS_REGION, then AWS_DEFAULT_REGION, without the input', () => {
    expect(
      resolveRegion(undefined, {
        AWS_REGION: 'ap-southeast-2',
        AWS_DEFAULT_REGION: 'us-east-1'
      })
    ).toBe('ap-southeast-2')
    expect(resolveRegion(undefined, { AWS_DEFAULT_REGION: 'us-east-1' })).toBe(
      'us-east-1'
    )
  })

  it('refuses a region from the environment that AWS does not offer, naming where it came from', () => {
    expect(() => resolveRegion(undefined, { AWS_REGION: 'eu-wst-1' })).toThrow(
      'input \'region\' is "eu-wst-1 (from AWS_REGION)": expected a region AWS offers (did you mean eu-west-1?)'
    )
    expect(() =>
      resolveRegion(undefined, { AWS_DEFAULT_REGION: 'bogus' })
    ).toThrow('input \'region\' is "bogus (from AWS_DEFAULT_REGION)"')
  })

  it('is asked for, naming the input and where else it may come from', () => {
    expect(() => resolveRegion(undefined, {})).toThrow(
      "input 'region' is empty: expected a region such as us-east-1, as the input or in AWS_REGION (aws-actions/configure-aws-credentials sets it)"
    )
  })
})
