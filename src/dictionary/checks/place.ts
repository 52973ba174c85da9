import type { Place } from '../findings.js'
import type { DictionaryNode } from '../load.js'
import { dotted, parent } from '../pointer.js'
import type { Origin } from '../resolve.js'

/** Where a value of a node is written, or its nearest written ancestor. */
export function originOf(
  node: DictionaryNode,
  pointer: string
): Origin | undefined {
  let at: string | undefined = pointer
  while (at !== undefined) {
    const origin = node.origins.get(at)
    if (origin) return origin
    at = parent(at)
  }
  return undefined
}

export function toPlace(origin: Origin): Place {
  return {
    file: origin.file,
    ...(origin.line !== undefined && { line: origin.line }),
    ...(origin.column !== undefined && { column: origin.column })
  }
}

/** The place of a value of a node, for a finding about it. */
export function placeIn(node: DictionaryNode, pointer: string): Place {
  const origin = originOf(node, pointer)
  return origin ? toPlace(origin) : { file: node.file }
}

/** A node as a whole is placed at its id. */
export function nodePlace(node: DictionaryNode): Place {
  return placeIn(node, '/id')
}

/** How a value is named in a message: its path in the file it is written in. */
export function pathIn(node: DictionaryNode, pointer: string): string {
  const origin = originOf(node, pointer)
  if (!origin) return dotted(pointer)
  return dotted(origin.pointer) || '(the whole file)'
}
