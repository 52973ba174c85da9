import { composeDirectory, composeUnit } from './instance.js'
import {
  containerConfigPath,
  dictionaryPublicFolder,
  dictionaryService,
  dictionaryUrl
} from './service.js'

/** Restarted first: they load the dictionary once, when they start. */
export const dictionaryReaders = ['sheepdog-service', 'peregrine-service']

/**
 * Restarted once the readers are healthy: the portal rebuilds itself from
 * the dictionary sheepdog serves at its start, tube reads it for the ETL.
 */
export const dictionaryUsers = ['portal-service', 'tube-service']

/** Where things are on the instance; tests run the scripts elsewhere. */
export interface Layout {
  composeDirectory: string
  publicFolder: string
  unit: string
}

export const instanceLayout: Layout = {
  composeDirectory,
  publicFolder: dictionaryPublicFolder,
  unit: composeUnit
}

/** Wraps a value in single quotes for bash. */
export function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`
}

const names = (services: readonly string[]) => services.map(quote).join(' ')

/**
 * Checks that the stack runs and reads the dictionary from the dictionary
 * service, then points public/schema.json at the pushed version. Prints
 * `stack=<state>` or `service=missing` when it cannot go on, otherwise
 * `previous=<the version it replaced>`.
 */
export function activateScript(
  fileName: string,
  layout: Layout = instanceLayout
): string {
  return `set -euo pipefail
cd ${quote(layout.composeDirectory)}
if ! systemctl is-active --quiet ${quote(layout.unit)}; then
  echo "stack=$(systemctl is-active ${quote(layout.unit)} || true)"
  exit 0
fi
services=$(docker compose config --services)
config=$(docker compose config)
if ! grep -qx ${quote(dictionaryService)} <<<"$services" || ! grep -qF ${quote(dictionaryUrl)} <<<"$config"; then
  echo "service=missing"
  exit 0
fi
cd ${quote(layout.publicFolder)}
test -s ${quote(fileName)}
previous=""
if [ -L schema.json ]; then
  previous=$(readlink schema.json)
elif [ -e schema.json ]; then
  mv schema.json schema-initial.json
  previous=schema-initial.json
fi
ln -sfn ${quote(fileName)} schema.json.next
mv -Tf schema.json.next schema.json
echo "previous=$previous"
# keep the live version, the one it replaced and the newest others
ls -1t schema-*.json | tail -n +5 | grep -vxF -e ${quote(fileName)} -e "\${previous:-none}" | xargs -r rm -f -- || true
`
}

/**
 * Makes sure the dictionary service runs and serves schema.json, recreates
 * the services so that they load it, and has the revproxy look up the new
 * containers (it resolves its upstreams when it starts or reloads).
 */
export function restartScript(
  services: readonly string[],
  layout: Layout = instanceLayout
): string {
  return `set -euo pipefail
cd ${quote(layout.composeDirectory)}
docker compose up -d --no-deps ${quote(dictionaryService)}
docker compose exec -T ${quote(dictionaryService)} nginx -c ${containerConfigPath} -s reload || true
for attempt in $(seq 1 30); do
  if docker compose exec -T ${quote(dictionaryService)} wget -q -O /dev/null http://127.0.0.1/schema.json; then
    break
  fi
  if [ "$attempt" = 30 ]; then
    echo "${dictionaryService} does not serve schema.json" >&2
    exit 1
  fi
  sleep 2
done
docker compose up -d --no-deps --force-recreate ${names(services)}
docker compose exec -T revproxy-service nginx -s reload || echo "revproxy-service did not reload" >&2
`
}

/** One line per existing container: name, status, health, restarts. */
export function statesScript(services: readonly string[]): string {
  return `docker inspect --format '{{.Name}} {{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}} {{.RestartCount}}' ${names(services)} 2>/dev/null || true
`
}

/**
 * The services' last log lines; SSM keeps the first 24,000 characters of
 * the output, so the tail is kept short.
 */
export function logsScript(
  services: readonly string[],
  layout: Layout = instanceLayout
): string {
  const lines = Math.max(10, Math.floor(80 / services.length))
  return `cd ${quote(layout.composeDirectory)}
docker compose logs --no-color --tail ${lines} ${names(services)} 2>&1 || true
`
}

/** Points schema.json back at the previous version and recreates the services. */
export function rollbackScript(
  previous: string,
  services: readonly string[],
  layout: Layout = instanceLayout
): string {
  return `set -euo pipefail
cd ${quote(layout.publicFolder)}
test -s ${quote(previous)}
ln -sfn ${quote(previous)} schema.json.next
mv -Tf schema.json.next schema.json
${restartScript(services, layout).replace('set -euo pipefail\n', '')}`
}
