import { readFileSync } from 'node:fs'

import type { Payload } from '../ssm/payload.js'
import { instanceLayout } from './layout.js'

/**
 * The scripts in templates/instance, which run on the instance. Each URL is
 * spelt out so that the bundler copies the file beside the bundle.
 */
const sources = {
  'provision.sh': new URL(
    '../../templates/instance/provision.sh',
    import.meta.url
  ),
  'behind-alb.sh': new URL(
    '../../templates/instance/behind-alb.sh',
    import.meta.url
  ),
  'apply-config.sh': new URL(
    '../../templates/instance/apply-config.sh',
    import.meta.url
  ),
  'render-fence-config.sh': new URL(
    '../../templates/instance/render-fence-config.sh',
    import.meta.url
  )
}

export type InstanceScript = keyof typeof sources

/** Where a script is installed on the instance. */
export function scriptPath(name: InstanceScript): string {
  return `${instanceLayout.toolDirectory}/${name}`
}

/** Every instance script, ready to push, executable. */
export function instanceScripts(): Payload[] {
  return Object.entries(sources).map(([name, url]) => ({
    path: scriptPath(name as InstanceScript),
    content: readFileSync(url),
    mode: '0755'
  }))
}
