import { specialFiles } from '../builtins.js'
import type { Dictionary, DictionaryNode } from '../load.js'

/** The centre's nodes: Gen3's built-in root and data_release are its own, and valid. */
export function centreNodes(dictionary: Dictionary): DictionaryNode[] {
  return [...dictionary.nodes.values()].filter((node) => !node.builtin)
}

/**
 * The centre's nodes whose `$ref`s all resolved. Checks of content on the
 * others would only echo the broken reference, already reported.
 */
export function resolvedNodes(dictionary: Dictionary): DictionaryNode[] {
  return centreNodes(dictionary).filter((node) => node.resolved)
}

/**
 * Node ids named after a file that is there but gave no node (not YAML, not
 * UTF-8, no id). That file's finding is the one to fix; what refers to the
 * node by that id says nothing more.
 */
export function unloadedNodeIds(dictionary: Dictionary): ReadonlySet<string> {
  const loaded = new Set(
    [...dictionary.nodes.values()].map((node) => node.file)
  )
  const { source } = dictionary
  return new Set(
    [...Object.keys(source.files), ...(source.undecodable ?? [])]
      .filter((name) => !specialFiles.has(name) && !loaded.has(name))
      .map((name) => name.replace(/\.yaml$/, ''))
  )
}

/** A node the dictionary has, or means to have in a file that did not load. */
export function hasNode(dictionary: Dictionary, id: string): boolean {
  return dictionary.nodes.has(id) || unloadedNodeIds(dictionary).has(id)
}
