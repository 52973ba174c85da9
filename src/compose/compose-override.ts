import type { Finding } from './finding.js'
import { didYouMean } from './nearest.js'
import { YamlSource } from './source.js'
import { upstreamServices } from './upstream.js'

/**
 * The keys a compose file and a service may have, from the Compose
 * Specification's schema (github.com/compose-spec/compose-spec
 * schema/compose-spec.json at 170098b); names starting with x- are free.
 */
const fileKeys = [
  'version',
  'name',
  'include',
  'services',
  'models',
  'networks',
  'volumes',
  'secrets',
  'configs'
]

const serviceKeys = `
  annotations attach blkio_config build cap_add cap_drop cgroup
  cgroup_parent command configs container_name cpu_count cpu_percent
  cpu_period cpu_quota cpu_rt_period cpu_rt_runtime cpu_shares cpus cpuset
  credential_spec depends_on deploy develop device_cgroup_rules devices
  dns dns_opt dns_search domainname entrypoint env_file environment expose
  extends external_links extra_hosts gpus group_add healthcheck hostname
  image init ipc isolation label_file labels links logging mac_address
  mem_limit mem_reservation mem_swappiness memswap_limit models
  network_mode networks oom_kill_disable oom_score_adj pid pids_limit
  platform ports post_start pre_stop privileged profiles provider
  pull_policy pull_refresh_after read_only restart runtime scale secrets
  security_opt shm_size stdin_open stop_grace_period stop_signal
  storage_opt sysctls tmpfs tty ulimits use_api_socket user userns_mode
  uts volumes volumes_from working_dir
`
  .trim()
  .split(/\s+/)

/** Settings whose value has one shape in every compose file. */
const listOrMapping = new Set(['environment', 'labels', 'depends_on'])
const lists = new Set(['ports', 'volumes', 'expose', 'profiles'])

/**
 * Checks a docker-compose.override.yml, which compose merges over
 * upstream's docker-compose.yml: a compose file's shape, services upstream
 * has (or new ones complete enough to run), and settings compose knows.
 */
export function checkComposeOverride(file: string, text: string): Finding[] {
  const source = new YamlSource(file, text)
  if (!source.parsed) return source.findings
  if (!source.isMapping(source.root)) {
    source.error(
      source.root,
      'docker-compose.override.yml must be a compose file: a mapping with a services section'
    )
    return source.findings
  }

  for (const entry of source.entries(source.root) ?? []) {
    if (!fileKeys.includes(entry.key) && !entry.key.startsWith('x-')) {
      source.error(
        entry.keyNode,
        `'${entry.key}' is not a top-level key of a compose file${didYouMean(entry.key, fileKeys)}`
      )
    }
  }

  const services = source.entry(source.root, 'services')
  if (!services || source.isEmpty(services.value)) return source.findings
  if (!source.isMapping(services.value)) {
    source.error(
      services.value,
      'services must map service names to their settings'
    )
    return source.findings
  }

  const upstream: readonly string[] = upstreamServices
  for (const service of source.entries(services.value) ?? []) {
    if (!source.isMapping(service.value)) {
      source.error(
        service.keyNode,
        `service '${service.key}' must map settings to their values`
      )
      continue
    }
    const settings = source.entries(service.value) ?? []
    const names = settings.map((setting) => setting.key)

    if (!upstream.includes(service.key)) {
      if (names.includes('image') || names.includes('build')) {
        source.report(
          'notice',
          service.keyNode,
          `service '${service.key}' is not in upstream's docker-compose.yml: it is added as a new service`
        )
      } else {
        source.error(
          service.keyNode,
          `service '${service.key}' is not in upstream's docker-compose.yml, and has no image to run as a new one${didYouMean(service.key, upstream)}`
        )
      }
    }

    for (const setting of settings) {
      if (setting.key.startsWith('x-')) continue
      if (!serviceKeys.includes(setting.key)) {
        source.error(
          setting.keyNode,
          `service '${service.key}' has no setting '${setting.key}' in the Compose Specification${didYouMean(setting.key, serviceKeys)}`
        )
      } else if (
        listOrMapping.has(setting.key) &&
        !source.isList(setting.value) &&
        !source.isMapping(setting.value)
      ) {
        source.error(
          setting.value,
          `${setting.key} of service '${service.key}' must be a list or a mapping`
        )
      } else if (lists.has(setting.key) && !source.isList(setting.value)) {
        source.error(
          setting.value,
          `${setting.key} of service '${service.key}' must be a list`
        )
      }
    }
  }
  return source.findings
}
