import { readFileSync } from 'node:fs'

import { describe, expect, it } from '@jest/globals'

import { checkUserYaml } from '../../src/compose/user-yaml.js'
import { describeWithShared, fixture } from '../fixtures/shared.js'

const file = 'gen3/config/user.yaml'

/** A small user.yaml that fence accepts, to break one rule at a time. */
const valid = `authz:
  anonymous_policies: []
  all_users_policies: []
  groups:
  - name: submitters
    policies:
    - programs.umccr-admin
    users:
    - alice@example.org
  resources:
  - name: programs
    subresources:
    - name: umccr
      subresources:
      - name: projects
        subresources:
        - name: cancer
  policies:
  - id: programs.umccr-admin
    role_ids:
    - reader
    resource_paths:
    - /programs/umccr
  roles:
  - id: reader
    permissions:
    - id: reader
      action:
        service: peregrine
        method: read
clients:
  wts:
    policies:
    - programs.umccr-admin
users:
  alice@example.org:
    admin: true
    policies:
    - programs.umccr-admin
    projects:
    - auth_id: cancer
      privilege: [read]
`

function errors(text: string) {
  return checkUserYaml(file, text).map(({ severity, line, message }) => ({
    severity,
    line,
    message
  }))
}

describe('checking a user.yaml', () => {
  it('accepts one where every reference is defined', () => {
    expect(checkUserYaml(file, valid)).toEqual([])
  })

  it('reports YAML that does not parse, at its line', () => {
    expect(errors('authz:\n  roles: [a, b\nusers: {}\n')).toEqual([
      {
        severity: 'error',
        line: 3,
        message:
          'not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'
      }
    ])
  })

  it('reports a key given twice', () => {
    expect(errors('users: {}\nusers: {}\n')).toEqual([
      {
        severity: 'error',
        line: 2,
        message: 'not valid YAML: Map keys must be unique'
      }
    ])
  })

  it('wants a mapping at the top', () => {
    expect(errors('- alice\n')).toEqual([
      {
        severity: 'error',
        line: 1,
        message: 'user.yaml must be a mapping with an authz and a users section'
      }
    ])
  })

  it('reports a user policy that authz.policies does not define, with a suggestion', () => {
    const text = valid.replace(
      '    policies:\n    - programs.umccr-admin\n    projects:',
      '    policies:\n    - programs.umccr-admn\n    projects:'
    )

    expect(errors(text)).toEqual([
      {
        severity: 'error',
        line: 39,
        message:
          "user 'alice@example.org' has policy 'programs.umccr-admn', which authz.policies does not define; did you mean 'programs.umccr-admin'?"
      }
    ])
  })

  it('reports a policy role that authz.roles does not define', () => {
    const text = valid.replace(
      '    role_ids:\n    - reader',
      '    role_ids:\n    - writer'
    )

    expect(errors(text)).toEqual([
      {
        severity: 'error',
        line: 21,
        message:
          "policy 'programs.umccr-admin' uses role 'writer', which authz.roles does not define"
      }
    ])
  })

  it('reports a policy resource missing from the resource tree', () => {
    const text = valid.replace(
      '    - /programs/umccr\n',
      '    - /programs/umcr\n'
    )

    expect(errors(text)).toEqual([
      {
        severity: 'error',
        line: 23,
        message:
          "policy 'programs.umccr-admin' grants resource '/programs/umcr', which authz.resources does not define; did you mean '/programs/umccr'?"
      }
    ])
  })

  it('reports a resource path that does not start with /', () => {
    const text = valid.replace(
      '    - /programs/umccr\n',
      '    - programs/umccr\n'
    )

    expect(errors(text)).toEqual([
      {
        severity: 'error',
        line: 23,
        message:
          "policy 'programs.umccr-admin' grants resource 'programs/umccr', which must start with '/'"
      }
    ])
  })

  it('reports a policy without role_ids or resource_paths', () => {
    const text = valid.replace(
      '    role_ids:\n    - reader\n    resource_paths:\n    - /programs/umccr\n',
      ''
    )

    expect(errors(text)).toEqual([
      {
        severity: 'error',
        line: 19,
        message: "policy 'programs.umccr-admin' has no role_ids"
      },
      {
        severity: 'error',
        line: 19,
        message: "policy 'programs.umccr-admin' has no resource_paths"
      }
    ])
  })

  it('reports a policy, role or group defined twice', () => {
    const text = valid
      .replace(
        '  roles:\n',
        '  - id: programs.umccr-admin\n    role_ids: [reader]\n    resource_paths: [/programs]\n  roles:\n'
      )
      .replace(
        '  resources:\n',
        '  - name: submitters\n    policies: []\n    users: []\n  resources:\n'
      )

    expect(errors(text)).toEqual([
      {
        severity: 'error',
        line: 27,
        message:
          "policy 'programs.umccr-admin' is defined twice (first at line 22)"
      },
      {
        severity: 'error',
        line: 10,
        message: "group 'submitters' is defined twice (first at line 5)"
      }
    ])
  })

  it('reports a role without permissions, and a permission without service or method', () => {
    const text = valid.replace(
      '        service: peregrine\n        method: read\n',
      '        method: read\n  - id: empty\n    permissions: []\n'
    )

    expect(errors(text)).toEqual([
      {
        severity: 'error',
        line: 29,
        message:
          "the action of permission 'reader' in role 'reader' needs a service"
      },
      {
        severity: 'error',
        line: 30,
        message: "role 'empty' has no permissions"
      }
    ])
  })

  it('reports a program name with a hyphen', () => {
    const text = valid.replaceAll('umccr', 'um-ccr')

    expect(errors(text)).toEqual([
      {
        severity: 'error',
        line: 13,
        message: "program name 'um-ccr' cannot contain '-'"
      }
    ])
  })

  it('reports a group member missing from users, and one listed twice', () => {
    const text = valid.replace(
      '    users:\n    - alice@example.org\n',
      '    users:\n    - alice@example.org\n    - bob@example.org\n    - alice@example.org\n'
    )

    expect(errors(text)).toEqual([
      {
        severity: 'error',
        line: 10,
        message:
          "group 'submitters' lists user 'bob@example.org', who is not in the users section"
      },
      {
        severity: 'error',
        line: 11,
        message: "group 'submitters' lists user 'alice@example.org' twice"
      }
    ])
  })

  it('reports undefined policies in groups, public policies and clients', () => {
    const text = valid
      .replace(
        '  anonymous_policies: []',
        '  anonymous_policies:\n  - open_data_reader'
      )
      .replace(
        '  wts:\n    policies:\n    - programs.umccr-admin',
        '  wts:\n    policies:\n    - all_programs_reader'
      )

    expect(errors(text)).toEqual([
      {
        severity: 'error',
        line: 3,
        message:
          "anonymous_policies lists policy 'open_data_reader', which authz.policies does not define"
      },
      {
        severity: 'error',
        line: 35,
        message:
          "client 'wts' has policy 'all_programs_reader', which authz.policies does not define"
      }
    ])
  })

  it('reports a project that is neither a resource nor mapped', () => {
    const text = valid.replace(
      '    - auth_id: cancer',
      '    - auth_id: leukaemia'
    )

    expect(errors(text)).toEqual([
      {
        severity: 'error',
        line: 41,
        message:
          "project 'leukaemia' of user 'alice@example.org' is no program or project in authz.resources, and user_project_to_resource does not map it"
      }
    ])
  })

  it('accepts a project mapped by user_project_to_resource to a defined resource', () => {
    const text = valid
      .replace('    - auth_id: cancer', '    - auth_id: leukaemia')
      .replace(
        '  policies:\n  - id:',
        '  user_project_to_resource:\n    leukaemia: /programs/umccr\n  policies:\n  - id:'
      )

    expect(errors(text)).toEqual([])
  })

  it('reports user_project_to_resource pointing outside the tree', () => {
    const text = valid.replace(
      '  policies:\n  - id:',
      '  user_project_to_resource:\n    leukaemia: /programs/other\n  policies:\n  - id:'
    )

    expect(errors(text)).toEqual([
      {
        severity: 'error',
        line: 19,
        message:
          "user_project_to_resource maps 'leukaemia' to '/programs/other', which authz.resources does not define"
      }
    ])
  })

  it('reports a project without privilege, and one naming an unknown resource', () => {
    const text = valid.replace(
      '    - auth_id: cancer\n      privilege: [read]\n',
      '    - auth_id: cancer\n    - auth_id: other\n      resource: /programs/other\n      privilege: [read]\n'
    )

    expect(errors(text)).toEqual([
      {
        severity: 'error',
        line: 41,
        message:
          "project 'cancer' of user 'alice@example.org' has no privilege list"
      },
      {
        severity: 'error',
        line: 43,
        message:
          "project 'other' of user 'alice@example.org' names resource '/programs/other', which authz.resources does not define"
      }
    ])
  })

  it('reports a resource without a name, under its parent', () => {
    const text = valid.replace(
      '        - name: cancer\n',
      '        - name: cancer\n        - description: no name\n'
    )

    expect(errors(text)).toEqual([
      {
        severity: 'error',
        line: 18,
        message: "a resource under '/programs/umccr/projects' needs a name"
      }
    ])
  })

  it('reports a permission without an id', () => {
    const text = valid.replace(
      '    - id: reader\n      action:',
      '    - action:'
    )

    expect(errors(text)).toEqual([
      {
        severity: 'error',
        line: 27,
        message: "a permission of role 'reader' needs an id"
      }
    ])
  })

  it('reports a permission without an action', () => {
    const text = valid.replace(
      '      action:\n        service: peregrine\n        method: read\n',
      '      description: none\n'
    )

    expect(errors(text)).toEqual([
      {
        severity: 'error',
        line: 27,
        message: "permission 'reader' of role 'reader' has no action"
      }
    ])
  })

  it('reports a group without a name', () => {
    const text = valid.replace(
      '  - name: submitters\n',
      '  - title: submitters\n'
    )

    expect(errors(text)).toEqual([
      { severity: 'error', line: 5, message: 'a group needs a name' }
    ])
  })

  it('reports a group without its policies and users lists', () => {
    const text = valid.replace(
      '    policies:\n    - programs.umccr-admin\n    users:\n    - alice@example.org\n  resources:',
      '  resources:'
    )

    expect(errors(text)).toEqual([
      {
        severity: 'error',
        line: 5,
        message: "group 'submitters' has no policies list"
      },
      {
        severity: 'error',
        line: 5,
        message: "group 'submitters' has no users list"
      }
    ])
  })

  it('reports clients that are not a mapping, and a client without policies', () => {
    const clients =
      'clients:\n  wts:\n    policies:\n    - programs.umccr-admin\n'

    expect(errors(valid.replace(clients, 'clients: [wts]\n'))).toEqual([
      {
        severity: 'error',
        line: 31,
        message: 'clients must map each client name to its policies'
      }
    ])
    expect(errors(valid.replace(clients, 'clients:\n  wts: {}\n'))).toEqual([
      {
        severity: 'error',
        line: 32,
        message: "client 'wts' has no policies list"
      }
    ])
  })

  it('reports a user_project_to_resource that is not a mapping', () => {
    const text = valid.replace(
      '  roles:\n',
      '  user_project_to_resource: [cancer]\n  roles:\n'
    )

    expect(errors(text)).toEqual([
      {
        severity: 'error',
        line: 24,
        message:
          'authz.user_project_to_resource must map auth_ids to resource paths'
      }
    ])
  })

  it('reports a user whose access is not a mapping', () => {
    const text = `${valid}  bob@example.org: [reader]\n`

    expect(errors(text)).toEqual([
      {
        severity: 'error',
        line: 43,
        message:
          "user 'bob@example.org' must map to their policies, projects or tags"
      }
    ])
  })

  it('reports sections of the wrong shape', () => {
    expect(errors('authz:\n  policies: {}\nusers: []\n')).toEqual([
      {
        severity: 'error',
        line: 3,
        message: 'users must map each login to its access'
      }
    ])
    expect(errors('authz:\n  policies: {}\nusers: {}\n')).toEqual([
      { severity: 'error', line: 2, message: 'authz.policies must be a list' }
    ])
  })

  it("warns when everyone is given a role with service '*'", () => {
    const text = valid
      .replace(
        '  anonymous_policies: []',
        '  anonymous_policies:\n  - programs.umccr-admin'
      )
      .replace('        service: peregrine', "        service: '*'")

    expect(errors(text)).toEqual([
      {
        severity: 'warning',
        line: 3,
        message:
          "policy 'programs.umccr-admin' is given to everyone (anonymous_policies) with role 'reader', whose permission 'reader' has service '*': newer fence releases refuse such a user.yaml; name the services instead, such as 'read' in peregrine and guppy and 'read-storage' in fence"
      }
    ])
  })
})

describeWithShared("upstream's example user.yaml", () => {
  it('passes, with a warning for the open data given to everyone', () => {
    const text = readFileSync(
      fixture('compose-services', 'templates', 'user.yaml'),
      'utf8'
    )

    const findings = checkUserYaml(file, text)

    expect(findings.filter((finding) => finding.severity === 'error')).toEqual(
      []
    )
    expect(findings.map((finding) => finding.message)).toEqual([
      expect.stringMatching(
        /^policy 'open_data_reader' is given to everyone \(anonymous_policies\) with role 'reader'/
      ),
      expect.stringMatching(
        /^policy 'open_data_reader' is given to everyone \(anonymous_policies\) with role 'storage_reader'/
      )
    ])
  })
})
