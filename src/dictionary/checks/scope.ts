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
