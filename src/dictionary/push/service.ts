import { composeDirectory } from './instance.js'

/**
 * Sheepdog, peregrine and tube fetch the dictionary with an HTTP GET of
 * DICTIONARY_URL at start (dictionaryutils load_schemas_from_url, which
 * cannot read file:// URLs). A small static web server in the compose
 * network serves the pushed schema.json to them. It is not the revproxy:
 * revproxy depends on sheepdog and peregrine, so they would wait on each
 * other at start.
 */
export const dictionaryService = 'dictionary-service'

export const dictionaryUrl = `http://${dictionaryService}/schema.json`

/** On the instance: the server's nginx.conf, and `public/` with the versions. */
export const dictionaryServiceFolder = `${composeDirectory}/${dictionaryService}`

export const dictionaryPublicFolder = `${dictionaryServiceFolder}/public`

/** The folder as the container sees it. */
const mountPoint = '/srv/dictionary'

/** The nginx configuration, as the container sees it. */
export const containerConfigPath = `${mountPoint}/nginx.conf`

export const dictionaryServiceImage = 'nginx:1.27-alpine'

/**
 * Each pushed version keeps its own file; `public/schema.json` is a symbolic
 * link to the live one, switched in one rename and switched back on
 * rollback.
 */
export function schemaFileName(sha256: string): string {
  return `schema-${sha256.slice(0, 16)}.json`
}

/** The nginx configuration of the dictionary service. */
export function dictionaryServiceConfig(): string {
  return `# Serves the data dictionary to the services of the compose network.
worker_processes 1;
pid /tmp/nginx.pid;
error_log /dev/stderr warn;

events {
  worker_connections 64;
}

http {
  access_log off;
  server {
    listen 80;
    root ${mountPoint}/public;

    location = /schema.json {
      default_type application/json;
      add_header Cache-Control no-store;
    }

    location / {
      return 404;
    }
  }
}
`
}

/**
 * What docker-compose.override.yml needs for the services to read the
 * dictionary from the dictionary service; to be merged into the override
 * that deploy writes.
 */
export function dictionaryComposeOverride(): {
  services: Record<string, Record<string, unknown>>
} {
  const reader = {
    environment: { DICTIONARY_URL: dictionaryUrl },
    depends_on: [dictionaryService]
  }
  return {
    services: {
      [dictionaryService]: {
        image: dictionaryServiceImage,
        container_name: dictionaryService,
        entrypoint: ['nginx', '-c', containerConfigPath, '-g', 'daemon off;'],
        volumes: [`./${dictionaryService}:${mountPoint}:ro`],
        networks: ['devnet'],
        restart: 'unless-stopped',
        healthcheck: {
          test: [
            'CMD-SHELL',
            'wget -q -O /dev/null http://127.0.0.1/schema.json'
          ],
          interval: '30s',
          timeout: '5s',
          retries: 3
        }
      },
      'sheepdog-service': reader,
      'peregrine-service': reader,
      'tube-service': { environment: { DICTIONARY_URL: dictionaryUrl } }
    }
  }
}
