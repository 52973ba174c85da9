import { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import { EC2Client } from '@aws-sdk/client-ec2'
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2'
import { SSMClient } from '@aws-sdk/client-ssm'

import { InputError } from '../errors.js'
import { regionProblem } from '../inputs/schema.js'

/**
 * The AWS clients a command may use, made on first use. Credentials come from
 * the SDK's standard chain (OIDC on a runner, a profile on a laptop), and
 * AWS_ENDPOINT_URL, when set, points every client at another endpoint.
 */
export class AwsClients {
  private made = new Map<string, unknown>()

  constructor(readonly region: string) {}

  get cloudFormation(): CloudFormationClient {
    return this.once(
      'cloudformation',
      () => new CloudFormationClient(this.config())
    )
  }

  get ec2(): EC2Client {
    return this.once('ec2', () => new EC2Client(this.config()))
  }

  get ssm(): SSMClient {
    return this.once('ssm', () => new SSMClient(this.config()))
  }

  get elbv2(): ElasticLoadBalancingV2Client {
    return this.once(
      'elbv2',
      () => new ElasticLoadBalancingV2Client(this.config())
    )
  }

  private config() {
    return { region: this.region, retryMode: 'adaptive', maxAttempts: 8 }
  }

  private once<T>(name: string, make: () => T): T {
    if (!this.made.has(name)) this.made.set(name, make())
    return this.made.get(name) as T
  }
}

/** The region from the input, else from the environment the SDK reads. */
export function resolveRegion(
  input: string | undefined,
  env: NodeJS.ProcessEnv
): string {
  const region = input ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION
  if (!region) {
    throw new InputError([
      {
        input: 'region',
        value: '',
        expected:
          'a region such as us-east-1, as the input or in AWS_REGION (aws-actions/configure-aws-credentials sets it)'
      }
    ])
  }
  if (input === undefined) checkEnvironmentRegion(env)
  return region
}

/**
 * The region of AWS_REGION or AWS_DEFAULT_REGION, checked as the input is:
 * a misspelt one would otherwise be sent to the SDK, or priced and planned.
 */
export function checkEnvironmentRegion(env: NodeJS.ProcessEnv): void {
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION'] as const) {
    const value = env[name]
    if (!value) continue
    const problem = regionProblem(value)
    if (problem) {
      throw new InputError([
        { input: 'region', value: `${value} (from ${name})`, expected: problem }
      ])
    }
    return
  }
}
