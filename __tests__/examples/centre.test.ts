import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'

import {
  asCentreWorkflow,
  centreWorkflowNames,
  centreWorkflows,
  projectWorkflows
} from '../../scripts/centre-workflows.js'
import {
  describeWithShared,
  fixture,
  repositoryRoot
} from '../fixtures/shared.js'
import { readDictionary, walk } from './dictionary.js'

const centre = path.join(repositoryRoot, 'examples/centre')
const config = path.join(centre, 'gen3/config')
const dictionaryFolder = path.join(centre, 'gen3/dictionary')

function text(file: string): string {
  return readFileSync(path.join(config, file), 'utf8')
}

/** YAML as strictly as it comes: a repeated key is an error, not a win. */
function yaml(file: string): unknown {
  return parse(text(file), { uniqueKeys: true })
}

function json(file: string): unknown {
  return JSON.parse(text(file))
}

interface Policy {
  id: string
  role_ids: string[]
  resource_paths: string[]
}

interface Role {
  id: string
  permissions: { id: string; action: { service: string; method: string } }[]
}

interface Resource {
  name: string
  subresources?: Resource[]
}

interface UserYaml {
  authz: {
    anonymous_policies: string[]
    all_users_policies: string[]
    groups: { name: string; policies: string[]; users: string[] }[]
    resources: Resource[]
    policies: Policy[]
    roles: Role[]
  }
  users: Record<string, { policies?: string[]; tags?: { name?: string } }>
}

interface EtlMapping {
  mappings: {
    name: string
    doc_type: string
    type: 'aggregator' | 'collector'
    root: string
    category?: string
    props: { name: string }[]
    aggregated_props?: { name: string; path: string; fn: string }[]
    joining_props?: {
      index: string
      join_on: string
      props: { name: string; src: string; fn: string }[]
    }[]
    injecting_props?: Record<
      string,
      { props: { name: string; src?: string; fn?: string }[] }
    >
    target_nodes?: { name: string; path: string }[]
  }[]
}

interface ExplorerConfig {
  charts: Record<string, unknown>
  filters: { tabs: { title: string; fields: string[] }[] }
  table: { enabled: boolean; fields?: string[] }
  guppyConfig: {
    dataType: string
    fieldMapping: { field: string; name: string }[]
    manifestMapping: {
      resourceIndexType: string
      resourceIdField: string
      referenceIdFieldInResourceIndex: string
      referenceIdFieldInDataIndex: string
    }
  }
}

interface Gitops {
  dataExplorerConfig: ExplorerConfig
  fileExplorerConfig: ExplorerConfig
}

const configFiles = [
  'docker-compose.override.yml',
  'etlMapping.yaml',
  'fence-config.yaml',
  'gitops.json',
  'user.yaml'
]

describe('the example centre', () => {
  it('has the five files the config-dir input describes', () => {
    expect(readdirSync(config).sort()).toEqual(configFiles)
  })

  it.each(configFiles)('%s parses, as a mapping', (file) => {
    const parsed: unknown = file.endsWith('.json') ? json(file) : yaml(file)

    expect(typeof parsed).toBe('object')
    expect(Array.isArray(parsed)).toBe(false)
  })

  it.each(centreWorkflowNames)(
    'has %s as this repository has it, with a release and its own folders',
    (name) => {
      const own = readFileSync(
        path.join(repositoryRoot, projectWorkflows, name),
        'utf8'
      )
      const copy = readFileSync(
        path.join(repositoryRoot, centreWorkflows, name),
        'utf8'
      )

      expect(copy).toBe(asCentreWorkflow(own))
      expect(copy).not.toContain('uses: ./')
      expect(copy).not.toContain('examples/')
    }
  )
})

describe('user.yaml', () => {
  const { authz, users } = yaml('user.yaml') as UserYaml
  const policies = new Set(authz.policies.map((policy) => policy.id))
  const roles = new Map(authz.roles.map((role) => [role.id, role]))

  function paths(resources: Resource[], parent = ''): string[] {
    return resources.flatMap((resource) => {
      const here = `${parent}/${resource.name}`
      return [here, ...paths(resource.subresources ?? [], here)]
    })
  }

  it('grants only policies it defines', () => {
    const granted = [
      ...authz.anonymous_policies,
      ...authz.all_users_policies,
      ...authz.groups.flatMap((group) => group.policies),
      ...Object.values(users).flatMap((user) => user.policies ?? [])
    ]

    expect(granted.filter((id) => !policies.has(id))).toEqual([])
  })

  it('builds its policies from roles it defines, on resources it defines', () => {
    const resources = new Set(paths(authz.resources))

    expect(
      authz.policies.flatMap((policy) =>
        policy.role_ids.filter((id) => !roles.has(id))
      )
    ).toEqual([])
    expect(
      authz.policies.flatMap((policy) =>
        policy.resource_paths.filter((resource) => !resources.has(resource))
      )
    ).toEqual([])
  })

  it('lists every member of a group among its users', () => {
    const members = authz.groups.flatMap((group) => group.users)

    expect(members.filter((user) => !(user in users))).toEqual([])
  })

  it('gives administrators what creating the program and the project needs', () => {
    const admins = authz.groups.find((group) => group.name === 'centre_admins')

    expect(admins?.policies).toEqual(
      expect.arrayContaining([
        'services.sheepdog-admin',
        'centre_pilot_submitter'
      ])
    )
    expect(
      authz.policies.find((policy) => policy.id === 'centre_pilot_submitter')
        ?.resource_paths
    ).toEqual(['/programs/centre', '/programs/centre/projects/pilot'])
  })

  it('gives nothing to visitors who have not logged in, or to every user', () => {
    expect(authz.anonymous_policies).toEqual([])
    expect(authz.all_users_policies).toEqual([])
  })

  it('names people by addresses of the reserved example domain only', () => {
    expect(
      Object.keys(users).filter((user) => !user.endsWith('@example.org'))
    ).toEqual([])
  })
})

describe('fence-config.yaml', () => {
  const overrides = yaml('fence-config.yaml') as Record<string, unknown>

  it('holds no secret and nothing the action sets on the instance', () => {
    const keys = JSON.stringify(overrides)

    for (const key of [
      'client_id',
      'client_secret',
      'ENCRYPTION_KEY',
      'BASE_URL',
      'DB',
      'INDEXD_PASSWORD'
    ]) {
      expect(keys).not.toContain(`"${key}"`)
    }
  })

  it('turns off debugging', () => {
    expect(overrides.DEBUG).toBe(false)
  })

  describeWithShared('against upstream template', () => {
    // Read when the test runs: the body is collected even when skipped.
    const upstream = () =>
      parse(
        readFileSync(
          fixture('compose-services/templates/fence-config.yaml'),
          'utf8'
        )
      ) as Record<string, unknown>

    function unknownKeys(
      given: Record<string, unknown>,
      known: Record<string, unknown>,
      where = ''
    ): string[] {
      return Object.entries(given).flatMap(([key, value]) => {
        if (!(key in known)) return [`${where}${key}`]
        const base = known[key]
        const nested =
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          typeof base === 'object' &&
          base !== null
        return nested
          ? unknownKeys(
              value as Record<string, unknown>,
              base as Record<string, unknown>,
              `${where}${key}.`
            )
          : []
      })
    }

    it('overrides only settings upstream has', () => {
      expect(unknownKeys(overrides, upstream())).toEqual([])
    })
  })
})

describeWithShared('docker-compose.override.yml', () => {
  it('changes only services upstream runs', () => {
    const upstream = parse(
      readFileSync(fixture('compose-services/docker-compose.yml'), 'utf8')
    ) as { services: Record<string, unknown> }
    const override = yaml('docker-compose.override.yml') as {
      services: Record<string, unknown>
    }

    expect(
      Object.keys(override.services).filter(
        (service) => !(service in upstream.services)
      )
    ).toEqual([])
  })
})

describe('etlMapping.yaml and gitops.json', () => {
  const nodes = readDictionary(dictionaryFolder)
  const { mappings } = yaml('etlMapping.yaml') as EtlMapping
  const subjects = mappings.find((mapping) => mapping.type === 'aggregator')!
  const files = mappings.find((mapping) => mapping.type === 'collector')!
  const gitops = json('gitops.json') as Gitops

  const propertiesOf = (id: string) => nodes.get(id)?.properties ?? []

  /** Every field a document of each index has, as the ETL writes it. */
  const indexFields = {
    [subjects.doc_type]: [
      'node_id',
      ...subjects.props.map((prop) => prop.name),
      ...(subjects.aggregated_props ?? []).map((prop) => prop.name),
      ...(subjects.joining_props ?? []).flatMap((join) =>
        join.props.map((prop) => prop.name)
      )
    ],
    [files.doc_type]: [
      'node_id',
      ...files.props.map((prop) => prop.name),
      ...Object.values(files.injecting_props ?? {}).flatMap((inject) =>
        inject.props.map((prop) => prop.name)
      )
    ]
  }

  it('index subjects from a node of the dictionary, with its properties', () => {
    expect(nodes.has(subjects.root)).toBe(true)
    expect(
      subjects.props
        .map((prop) => prop.name)
        .filter((name) => !propertiesOf(subjects.root).includes(name))
    ).toEqual([])
  })

  it('count along backrefs that lead somewhere in the dictionary', () => {
    const ends = (subjects.aggregated_props ?? []).map((prop) => [
      prop.path,
      walk(nodes, subjects.root, prop.path, 'backrefs')
    ])

    expect(ends).toEqual([
      ['diagnoses', 'diagnosis'],
      ['samples', 'sample'],
      ['samples.sequencing_files', 'sequencing_file']
    ])
  })

  it('index files from the data file nodes, up their links to the subject', () => {
    const targets = (files.target_nodes ?? []).map((target) => [
      target.name,
      walk(nodes, target.name, target.path, 'links')
    ])

    expect(targets).toEqual([['sequencing_file', subjects.root]])
    expect(Object.keys(files.injecting_props ?? {})).toEqual([subjects.root])
  })

  it('take file properties the data file nodes have', () => {
    const missing = (files.target_nodes ?? []).flatMap((target) =>
      files.props
        .map((prop) => prop.name)
        .filter((name) => !propertiesOf(target.name).includes(name))
    )

    expect(missing).toEqual([])
  })

  it('join files to subjects on a field the file index has', () => {
    for (const join of subjects.joining_props ?? []) {
      expect(join.index).toBe(files.doc_type)
      expect(indexFields[files.doc_type]).toContain(join.join_on)
      expect(
        join.props
          .map((prop) => prop.src)
          .filter((src) => !indexFields[files.doc_type]!.includes(src))
      ).toEqual([])
    }
  })

  it.each([
    ['dataExplorerConfig', subjects.doc_type],
    ['fileExplorerConfig', files.doc_type]
  ] as const)('show in %s only fields of the %s index', (explorer, docType) => {
    const view = gitops[explorer]
    const shown = [
      ...Object.keys(view.charts),
      ...view.filters.tabs.flatMap((tab) => tab.fields),
      ...(view.table.fields ?? []),
      ...view.guppyConfig.fieldMapping.map((field) => field.field)
    ]

    expect(view.guppyConfig.dataType).toBe(docType)
    expect(
      shown.filter((field) => !indexFields[docType]!.includes(field))
    ).toEqual([])
  })

  it('link the two explorers through the field the ETL injects', () => {
    const data = gitops.dataExplorerConfig.guppyConfig.manifestMapping
    const file = gitops.fileExplorerConfig.guppyConfig.manifestMapping

    expect(data).toEqual({
      resourceIndexType: files.doc_type,
      resourceIdField: 'object_id',
      referenceIdFieldInResourceIndex: '_subject_id',
      referenceIdFieldInDataIndex: '_subject_id'
    })
    expect(file.resourceIndexType).toBe(subjects.doc_type)
    expect(indexFields[files.doc_type]).toContain('_subject_id')
    expect(indexFields[files.doc_type]).toContain('object_id')
  })
})

describe('the dictionary', () => {
  const nodes = readDictionary(dictionaryFolder)

  it('has the files every Gen3 dictionary has, and the centre nodes', () => {
    expect(readdirSync(dictionaryFolder).sort()).toEqual([
      '_definitions.yaml',
      '_settings.yaml',
      '_terms.yaml',
      'core_metadata_collection.yaml',
      'diagnosis.yaml',
      'program.yaml',
      'project.yaml',
      'sample.yaml',
      'sequencing_file.yaml',
      'subject.yaml'
    ])
  })

  it('names each node after its file', () => {
    expect(
      [...nodes.values()]
        .filter((node) => `${node.id}.yaml` !== node.file)
        .map((node) => node.file)
    ).toEqual([])
  })

  it('links only to nodes it has', () => {
    expect(
      [...nodes.values()].flatMap((node) =>
        node.links
          .filter((link) => !nodes.has(link.target))
          .map((link) => `${node.id}.${link.name} -> ${link.target}`)
      )
    ).toEqual([])
  })
})
