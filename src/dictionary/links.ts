import { child, isMapping } from './pointer.js'

/** A plain link of a node (not a subgroup), wherever it sits. */
export interface PlacedLink {
  link: Record<string, unknown>
  /** Its pointer in the node, e.g. `/links/1/subgroup/0`. */
  pointer: string
  /** 0 at the top of `links`, 1 inside a subgroup, 2 inside a nested one. */
  depth: number
}

/** Every plain link of a node, subgroups opened, in order (gen3datamodel's get_links). */
export function plainLinks(schema: Record<string, unknown>): PlacedLink[] {
  const found: PlacedLink[] = []
  const visit = (links: unknown, pointer: string, depth: number) => {
    if (!Array.isArray(links)) return
    links.forEach((item: unknown, index) => {
      const at = child(pointer, index)
      if (!isMapping(item)) return
      if ('subgroup' in item)
        visit(item.subgroup, child(at, 'subgroup'), depth + 1)
      else found.push({ link: item, pointer: at, depth })
    })
  }
  visit(schema.links, '/links', 0)
  return found
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}
