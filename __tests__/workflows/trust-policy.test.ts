import { describe, expect, it } from '@jest/globals'

import { shippedTrustPolicies, trustPolicy } from './roles.js'
import { environmentOf, readWorkflow } from './workflow.js'

const deployEnvironment = environmentOf(
  readWorkflow('.github/workflows/poc.yml').jobs.deploy!
)
const pushBranches = (
  readWorkflow('.github/workflows/dictionary.yml').on.push as {
    branches: string[]
  }
).branches

/** The one subject each role's trust policy accepts. */
const subjects: Record<string, string> = {
  'iam-trust-policy-deploy.json': `repo:<OWNER>/<REPO>:environment:${deployEnvironment}`,
  'iam-trust-policy-operate.json': `repo:<OWNER>/<REPO>:ref:refs/heads/${pushBranches[0]}`
}

describe('the trust policies of the roles', () => {
  it('are one for the deploy role and one for the operations role', () => {
    expect(shippedTrustPolicies()).toEqual(Object.keys(subjects).sort())
  })

  it.each(shippedTrustPolicies())(
    '%s lets only GitHub Actions tokens meant for STS assume the role',
    (file) => {
      const policy = trustPolicy(file)
      const statement = policy.Statement[0]!

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
    }
  )

  it.each(Object.entries(subjects))(
    '%s trusts %s alone, by exact subject',
    (file, subject) => {
      const statement = trustPolicy(file).Statement[0]!

      expect(Object.keys(statement.Condition)).toEqual(['StringEquals'])
      expect(
        statement.Condition.StringEquals?.[
          'token.actions.githubusercontent.com:sub'
        ]
      ).toEqual([subject])
    }
  )

  it('keep the protected environment and the default branch apart', () => {
    expect(subjects['iam-trust-policy-deploy.json']).toBe(
      'repo:<OWNER>/<REPO>:environment:gen3-poc'
    )
    expect(subjects['iam-trust-policy-operate.json']).toBe(
      'repo:<OWNER>/<REPO>:ref:refs/heads/main'
    )
  })

  it.each(shippedTrustPolicies())(
    '%s trusts no pull request and no wildcard',
    (file) => {
      const text = JSON.stringify(trustPolicy(file))

      expect(text).not.toContain(':pull_request')
      expect(text).not.toContain('*')
    }
  )
})
