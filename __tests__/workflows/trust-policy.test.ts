import { readFileSync } from 'node:fs'

import { describe, expect, it } from '@jest/globals'

import { environmentOf, readWorkflow } from './workflow.js'

interface Statement {
  Effect: string
  Principal: { Federated: string }
  Action: string
  Condition: Record<string, Record<string, string | string[]>>
}

const policy = JSON.parse(
  readFileSync(
    new URL('../../docs/iam-trust-policy.json', import.meta.url),
    'utf8'
  )
) as { Version: string; Statement: Statement[] }
const statement = policy.Statement[0]!

const deployEnvironment = environmentOf(
  readWorkflow('.github/workflows/poc.yml').jobs.deploy!
)
const pushBranches = (
  readWorkflow('.github/workflows/dictionary.yml').on.push as {
    branches: string[]
  }
).branches

describe('the trust policy of the role', () => {
  it('lets only GitHub Actions tokens meant for STS assume the role', () => {
    expect(policy.Statement).toHaveLength(1)
    expect(statement).toMatchObject({
      Effect: 'Allow',
      Action: 'sts:AssumeRoleWithWebIdentity',
      Principal: {
        Federated:
          'arn:aws:iam::<ACCOUNT_ID>:oidc-provider/token.actions.githubusercontent.com'
      }
    })
    expect(
      statement.Condition.StringEquals?.[
        'token.actions.githubusercontent.com:aud'
      ]
    ).toBe('sts.amazonaws.com')
  })

  it('trusts the protected environment of deploy and the default branch, by exact subject', () => {
    expect(Object.keys(statement.Condition)).toEqual(['StringEquals'])
    expect(
      statement.Condition.StringEquals?.[
        'token.actions.githubusercontent.com:sub'
      ]
    ).toEqual([
      `repo:<OWNER>/<REPO>:environment:${deployEnvironment}`,
      `repo:<OWNER>/<REPO>:ref:refs/heads/${pushBranches[0]}`
    ])
  })

  it('trusts no pull request and no wildcard', () => {
    const text = JSON.stringify(policy)

    expect(text).not.toContain(':pull_request')
    expect(text).not.toContain('*')
  })
})
