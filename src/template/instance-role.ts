import type { Resources } from './cloudformation.js'
import { ref, sub } from './cloudformation.js'

export const instanceRoleNames = {
  role: 'InstanceRole',
  profile: 'InstanceProfile'
} as const

/**
 * Where the action keeps this stack's SSM parameters (the OAuth secret and
 * the other SecureStrings pushed to the instance): /gen3-poc/<stack-name>/.
 * The instance may read what is under it and nothing else of ours.
 */
export function parameterPath(stackName: string): string {
  return `/gen3-poc/${stackName}/`
}

/**
 * The instance's role: the SSM managed core policy, so that Run Command and
 * Session Manager reach it, and read access to its own parameters. Note that
 * the managed policy itself allows ssm:GetParameter(s) on every parameter of
 * the account; the statement here adds reading this stack's path as a tree.
 * SecureStrings under the default aws/ssm key need no KMS grant of their own.
 */
export function instanceRole(): Resources {
  const path = parameterPath('${AWS::StackName}')
  const parameterArn = `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter${path}`
  return {
    [instanceRoleNames.role]: {
      Type: 'AWS::IAM::Role',
      Properties: {
        Description: sub('Gen3 POC instance of the stack ${AWS::StackName}'),
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'ec2.amazonaws.com' },
              Action: 'sts:AssumeRole'
            }
          ]
        },
        ManagedPolicyArns: [
          sub(
            'arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore'
          )
        ],
        Policies: [
          {
            PolicyName: 'read-own-parameters',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: [
                    'ssm:GetParameter',
                    'ssm:GetParameters',
                    'ssm:GetParametersByPath'
                  ],
                  Resource: [
                    sub(parameterArn.replace(/\/$/, '')),
                    sub(`${parameterArn}*`)
                  ]
                }
              ]
            }
          }
        ]
      }
    },
    [instanceRoleNames.profile]: {
      Type: 'AWS::IAM::InstanceProfile',
      Properties: { Roles: [ref(instanceRoleNames.role)] }
    }
  }
}
