import type { Node } from 'yaml'

import type { Finding } from './finding.js'
import { didYouMean } from './nearest.js'
import type { Entry } from './source.js'
import { YamlSource } from './source.js'

/**
 * Checks a user.yaml the way fence's usersync does before it syncs one:
 * the rules of gen3users' validate_user_yaml, which fence calls on the file
 * (github.com/uc-cdis/gen3users gen3users/validation.py; fence
 * fence/sync/sync_users.py UserYAML.from_file). Every reference must point
 * at something defined: resources, roles, policies, users.
 */
export function checkUserYaml(file: string, text: string): Finding[] {
  const source = new YamlSource(file, text)
  if (source.parsed) new UserYamlCheck(source).run()
  return source.findings
}

interface Defined {
  node: Node | undefined
  value: Node | null
}

class UserYamlCheck {
  private readonly resources = new Set<string>()
  private readonly roles = new Map<string, Defined>()
  private readonly policies = new Map<string, Defined>()
  private readonly users = new Set<string>()
  private readonly programsAndProjects = new Set<string>()

  constructor(private readonly source: YamlSource) {}

  run(): void {
    const { source } = this
    const root = source.root
    if (!source.isMapping(root)) {
      source.error(
        root,
        'user.yaml must be a mapping with an authz and a users section'
      )
      return
    }

    const authzEntry = source.entry(root, 'authz') ?? source.entry(root, 'rbac')
    const authz = authzEntry?.value ?? null
    if (!source.isEmpty(authz) && !source.isMapping(authz)) {
      source.error(authz, `${authzEntry?.key ?? 'authz'} must be a mapping`)
      return
    }
    const usersEntry = source.entry(root, 'users')
    if (
      usersEntry &&
      !source.isEmpty(usersEntry.value) &&
      !source.isMapping(usersEntry.value)
    ) {
      source.error(usersEntry.value, 'users must map each login to its access')
      return
    }

    for (const entry of source.entries(usersEntry?.value) ?? []) {
      this.users.add(entry.key)
    }
    this.readResources(this.list(authz, 'resources'), '')
    this.readRoles(this.list(authz, 'roles'))
    this.readPolicies(this.list(authz, 'policies'))
    this.checkGroups(this.list(authz, 'groups'))
    const everyone = new Map(
      ['anonymous_policies', 'all_users_policies'].map((group) => [
        group,
        this.list(authz, group)
      ])
    )
    for (const [group, items] of everyone) {
      for (const item of items)
        this.checkPolicyReference(item, `${group} lists`)
    }
    this.checkClients(source.entry(root, 'clients')?.value ?? null)
    const projectMap = this.checkProjectMap(
      source.entry(authz, 'user_project_to_resource')?.value ?? null
    )
    this.checkUsers(source.entries(usersEntry?.value) ?? [], projectMap)
    this.checkBroadRoles(everyone)
  }

  /** The items of a list under a key; a wrong shape is reported once. */
  private list(parent: Node | null, key: string): Node[] {
    const { source } = this
    const entry = source.entry(parent, key)
    if (!entry || source.isEmpty(entry.value)) return []
    const items = source.items(entry.value)
    if (items === undefined) {
      source.error(entry.value, `authz.${key} must be a list`)
      return []
    }
    return items
  }

  private field(node: Node, key: string): Node | null {
    return this.source.entry(node, key)?.value ?? null
  }

  private name(node: Node, key: string): string | undefined {
    return this.source.text(this.field(node, key))
  }

  private readResources(items: Node[], parent: string): void {
    const { source } = this
    for (const item of items) {
      const name = source.isMapping(item) ? this.name(item, 'name') : undefined
      if (name === undefined) {
        source.error(
          item,
          `a resource${parent ? ` under '${parent}'` : ''} needs a name`
        )
        continue
      }
      const path = `${parent}/${name}`
      this.resources.add(path)

      if (parent === '/programs') {
        this.programsAndProjects.add(name)
        if (name.includes('-')) {
          source.error(item, `program name '${name}' cannot contain '-'`)
        }
      }
      if (/^\/programs\/[^/]+\/projects$/.test(parent)) {
        this.programsAndProjects.add(name)
      }

      const subresources = this.field(item, 'subresources')
      if (source.isEmpty(subresources)) continue
      const children = source.items(subresources)
      if (children === undefined) {
        source.error(subresources, `subresources of '${path}' must be a list`)
        continue
      }
      this.readResources(children, path)
    }
  }

  private define(
    kind: 'role' | 'policy',
    table: Map<string, Defined>,
    item: Node
  ): string | undefined {
    const { source } = this
    const idNode = source.isMapping(item) ? this.field(item, 'id') : null
    const id = source.text(idNode)
    if (id === undefined) {
      source.error(item, `a ${kind} needs an id`)
      return undefined
    }
    const earlier = table.get(id)
    if (earlier) {
      source.error(
        idNode,
        `${kind} '${id}' is defined twice (first at line ${source.place(earlier.node).line})`
      )
      return undefined
    }
    table.set(id, { node: idNode ?? undefined, value: item })
    return id
  }

  private readRoles(items: Node[]): void {
    const { source } = this
    for (const item of items) {
      const id = this.define('role', this.roles, item)
      if (id === undefined) continue
      const permissions = source.items(this.field(item, 'permissions'))
      if (!permissions || permissions.length === 0) {
        source.error(item, `role '${id}' has no permissions`)
        continue
      }
      for (const permission of permissions) {
        const permissionId = source.isMapping(permission)
          ? this.name(permission, 'id')
          : undefined
        if (permissionId === undefined) {
          source.error(permission, `a permission of role '${id}' needs an id`)
          continue
        }
        const action = this.field(permission, 'action')
        if (!source.isMapping(action)) {
          source.error(
            permission,
            `permission '${permissionId}' of role '${id}' has no action`
          )
          continue
        }
        for (const part of ['service', 'method']) {
          if (this.name(action as Node, part) === undefined) {
            source.error(
              action,
              `the action of permission '${permissionId}' in role '${id}' needs a ${part}`
            )
          }
        }
      }
    }
  }

  private readPolicies(items: Node[]): void {
    for (const item of items) this.define('policy', this.policies, item)

    const { source } = this
    for (const [id, { value }] of this.policies) {
      const policy = value as Node
      const roleIds = source.items(this.field(policy, 'role_ids'))
      const paths = source.items(this.field(policy, 'resource_paths'))
      if (!roleIds || roleIds.length === 0) {
        source.error(policy, `policy '${id}' has no role_ids`)
      }
      if (!paths || paths.length === 0) {
        source.error(policy, `policy '${id}' has no resource_paths`)
      }
      for (const roleNode of roleIds ?? []) {
        const role = source.text(roleNode) ?? ''
        if (!this.roles.has(role)) {
          source.error(
            roleNode,
            `policy '${id}' uses role '${role}', which authz.roles does not define` +
              didYouMean(role, [...this.roles.keys()])
          )
        }
      }
      for (const pathNode of paths ?? []) {
        this.checkResourcePath(pathNode, `policy '${id}' grants`)
      }
    }
  }

  private checkResourcePath(node: Node, subject: string): void {
    const { source } = this
    const path = source.text(node) ?? ''
    if (!path.startsWith('/')) {
      source.error(
        node,
        `${subject} resource '${path}', which must start with '/'`
      )
    } else if (!this.resources.has(path)) {
      source.error(
        node,
        `${subject} resource '${path}', which authz.resources does not define` +
          didYouMean(path, [...this.resources])
      )
    }
  }

  private checkPolicyReference(node: Node, subject: string): void {
    const policy = this.source.text(node) ?? ''
    if (!this.policies.has(policy)) {
      this.source.error(
        node,
        `${subject} policy '${policy}', which authz.policies does not define` +
          didYouMean(policy, [...this.policies.keys()])
      )
    }
  }

  private checkGroups(items: Node[]): void {
    const { source } = this
    const seen = new Map<string, Node>()
    for (const item of items) {
      const nameNode = source.isMapping(item) ? this.field(item, 'name') : null
      const name = source.text(nameNode)
      if (name === undefined) {
        source.error(item, 'a group needs a name')
        continue
      }
      const earlier = seen.get(name)
      if (earlier) {
        source.error(
          nameNode,
          `group '${name}' is defined twice (first at line ${source.place(earlier).line})`
        )
      }
      seen.set(name, nameNode as Node)

      const policies = source.items(this.field(item, 'policies'))
      const users = source.items(this.field(item, 'users'))
      if (!policies) source.error(item, `group '${name}' has no policies list`)
      if (!users) source.error(item, `group '${name}' has no users list`)
      for (const policy of policies ?? []) {
        this.checkPolicyReference(policy, `group '${name}' has`)
      }
      const members = new Set<string>()
      for (const userNode of users ?? []) {
        const user = source.text(userNode) ?? ''
        if (members.has(user)) {
          source.error(userNode, `group '${name}' lists user '${user}' twice`)
        }
        members.add(user)
        if (!this.users.has(user)) {
          source.error(
            userNode,
            `group '${name}' lists user '${user}', who is not in the users section` +
              didYouMean(user, [...this.users])
          )
        }
      }
    }
  }

  private checkClients(clients: Node | null): void {
    const { source } = this
    if (source.isEmpty(clients)) return
    if (!source.isMapping(clients)) {
      source.error(clients, 'clients must map each client name to its policies')
      return
    }
    for (const client of source.entries(clients) ?? []) {
      const policies = source.items(
        this.field(client.value as Node, 'policies')
      )
      if (!policies) {
        source.error(
          client.keyNode,
          `client '${client.key}' has no policies list`
        )
        continue
      }
      for (const policy of policies) {
        this.checkPolicyReference(policy, `client '${client.key}' has`)
      }
    }
  }

  private checkProjectMap(map: Node | null): Set<string> {
    const { source } = this
    const authIds = new Set<string>()
    if (source.isEmpty(map)) return authIds
    if (!source.isMapping(map)) {
      source.error(
        map,
        'authz.user_project_to_resource must map auth_ids to resource paths'
      )
      return authIds
    }
    for (const entry of source.entries(map) ?? []) {
      authIds.add(entry.key)
      const path = source.text(entry.value) ?? ''
      if (!this.resources.has(path)) {
        source.error(
          entry.value,
          `user_project_to_resource maps '${entry.key}' to '${path}', which authz.resources does not define`
        )
      }
    }
    return authIds
  }

  private checkUsers(users: Entry[], projectMap: Set<string>): void {
    const { source } = this
    for (const { key: user, keyNode, value } of users) {
      if (source.isEmpty(value)) continue
      if (!source.isMapping(value)) {
        source.error(
          keyNode,
          `user '${user}' must map to their policies, projects or tags`
        )
        continue
      }
      const access = value as Node
      for (const policy of this.sequence(
        access,
        'policies',
        `user '${user}'`
      )) {
        this.checkPolicyReference(policy, `user '${user}' has`)
      }
      for (const project of this.sequence(
        access,
        'projects',
        `user '${user}'`
      )) {
        this.checkProject(user, project, projectMap)
      }
    }
  }

  private sequence(parent: Node, key: string, owner: string): Node[] {
    const { source } = this
    const node = this.field(parent, key)
    if (source.isEmpty(node)) return []
    const items = source.items(node)
    if (items === undefined) {
      source.error(node, `${key} of ${owner} must be a list`)
      return []
    }
    return items
  }

  private checkProject(
    user: string,
    project: Node,
    projectMap: Set<string>
  ): void {
    const { source } = this
    const authId = source.isMapping(project)
      ? this.name(project, 'auth_id')
      : undefined
    if (authId === undefined) {
      source.error(project, `a project of user '${user}' needs an auth_id`)
      return
    }
    const privilege = source.items(this.field(project, 'privilege'))
    if (!privilege || privilege.length === 0) {
      source.error(
        project,
        `project '${authId}' of user '${user}' has no privilege list`
      )
    }
    const resource = this.field(project, 'resource')
    if (!source.isEmpty(resource)) {
      this.checkResourcePath(
        resource as Node,
        `project '${authId}' of user '${user}' names`
      )
    } else if (
      !this.programsAndProjects.has(authId) &&
      !projectMap.has(authId)
    ) {
      source.error(
        project,
        `project '${authId}' of user '${user}' is no program or project in authz.resources, and user_project_to_resource does not map it`
      )
    }
  }

  /** gen3users refuses `service: '*'` in what everyone is given. */
  private checkBroadRoles(everyone: Map<string, Node[]>): void {
    const { source } = this
    for (const [group, items] of everyone) {
      for (const item of items) {
        const policyId = source.text(item) ?? ''
        const policy = this.policies.get(policyId)?.value
        if (!policy) continue
        for (const roleNode of source.items(this.field(policy, 'role_ids')) ??
          []) {
          const roleId = source.text(roleNode) ?? ''
          const role = this.roles.get(roleId)?.value
          if (!role) continue
          for (const permission of source.items(
            this.field(role, 'permissions')
          ) ?? []) {
            const action = this.field(permission, 'action')
            if (
              source.isMapping(action) &&
              this.name(action as Node, 'service') === '*'
            ) {
              source.warning(
                item,
                `policy '${policyId}' is given to everyone (${group}) with role '${roleId}', whose permission '${this.name(permission, 'id') ?? ''}' has service '*': ` +
                  "newer fence releases refuse such a user.yaml; name the services instead, such as 'read' in peregrine and guppy and 'read-storage' in fence"
              )
            }
          }
        }
      }
    }
  }
}
