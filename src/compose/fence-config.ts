import type { Node } from 'yaml'
import { Document, parseDocument } from 'yaml'

import type { Finding } from './finding.js'
import { didYouMean } from './nearest.js'
import { YamlSource } from './source.js'
import type { SettingShape } from './upstream.js'
import { upstreamFenceSettings } from './upstream.js'

/** Where fence is served behind the load balancer: its BASE_URL. */
export function fenceBaseUrl(domain: string): string {
  return `https://${domain}/user`
}

/** Settings that never belong in a repository, and where they come from. */
const keptOut: Record<string, string> = {
  ENCRYPTION_KEY:
    'ENCRYPTION_KEY is made on the instance by creds_setup.sh and must not be in the repository; remove it'
}

/**
 * Checks a centre's fence settings, which are merged over upstream's
 * fence-config.yaml on the instance: each must be a setting upstream's file
 * has, of the same shape, and none may hold a secret.
 */
export function checkFenceOverrides(
  file: string,
  text: string,
  domain: string
): Finding[] {
  const source = new YamlSource(file, text)
  if (!source.parsed || source.isEmpty(source.root)) return source.findings
  if (!source.isMapping(source.root)) {
    source.error(
      source.root,
      'fence-config.yaml must map fence settings to the values that replace upstream ones'
    )
    return source.findings
  }

  const known = Object.keys(upstreamFenceSettings)
  for (const entry of source.entries(source.root) ?? []) {
    const shape = upstreamFenceSettings[entry.key]
    if (shape === undefined) {
      source.error(
        entry.keyNode,
        `unknown fence setting '${entry.key}': upstream's fence-config.yaml has no such setting${didYouMean(entry.key, known)}`
      )
      continue
    }
    const kept = keptOut[entry.key]
    if (kept) {
      source.error(entry.keyNode, kept)
      continue
    }
    checkShape(source, entry.key, entry.value, shape)
    if (entry.key === 'BASE_URL') {
      const value = source.text(entry.value)
      if (value !== fenceBaseUrl(domain)) {
        source.error(
          entry.value,
          `BASE_URL must be '${fenceBaseUrl(domain)}', the commons' own address, or be left out: it is set for you`
        )
      }
    }
    if (entry.key === 'OPENID_CONNECT') checkClients(source, entry.value)
  }
  return source.findings
}

function checkShape(
  source: YamlSource,
  key: string,
  value: Node | null,
  shape: SettingShape
): void {
  if (shape === 'mapping' && !source.isMapping(value)) {
    source.error(
      value,
      `${key} must be a mapping, as in upstream's fence-config.yaml`
    )
  }
  if (shape === 'list' && !source.isList(value)) {
    source.error(
      value,
      `${key} must be a list, as in upstream's fence-config.yaml`
    )
  }
  if (shape === 'scalar' && (source.isMapping(value) || source.isList(value))) {
    source.error(
      value,
      `${key} must be a single value, as in upstream's fence-config.yaml`
    )
  }
}

/** Login clients' secrets come from GitHub secrets through SSM, never files. */
function checkClients(source: YamlSource, providers: Node | null): void {
  for (const provider of source.entries(providers) ?? []) {
    for (const setting of source.entries(provider.value) ?? []) {
      const value = source.text(setting.value) ?? ''
      const secret =
        setting.key === 'client_secret' ||
        (provider.key === 'google' && setting.key === 'client_id')
      if (!secret || value === '') continue
      const input =
        provider.key === 'google'
          ? ` as the ${setting.key === 'client_id' ? 'oauth-client-id' : 'oauth-client-secret'} input`
          : ''
      source.error(
        setting.value,
        `OPENID_CONNECT.${provider.key}.${setting.key} must not be in the repository: pass it${input} from a GitHub secret`
      )
    }
  }
}

/**
 * The fence settings pushed to the instance: the centre's, with BASE_URL
 * set to the commons' address. The instance merges them over upstream's
 * file and adds the OAuth client from SSM; no secret is in this text.
 */
export function renderFenceOverlay(
  text: string | undefined,
  domain: string
): string {
  let document: Document = parseDocument(text ?? '')
  if (document.contents === null) document = new Document({})
  document.set('BASE_URL', fenceBaseUrl(domain))
  const header =
    "# Fence settings from the centre's repository, merged on the instance over\n" +
    "# upstream's fence-config.yaml; the OAuth client is added from SSM there.\n"
  return header + document.toString()
}
