/** What a change is about. */
export type Kind = 'node' | 'property' | 'link' | 'enum'

export type Action = 'added' | 'removed' | 'changed'

/** One difference between the base dictionary and the pull request's. */
export interface Change {
  kind: Kind
  action: Action
  /** The node id. */
  node: string
  /** The property or link name; for an enum value, its property. */
  name?: string
  /** The enum value, as written in the dictionary. */
  value?: string
  /** What changed, in words. */
  detail: string
  /** Why existing records or links may break; absent when nothing breaks. */
  breaking?: string
}

/** The difference between two compiled dictionaries. */
export interface Review {
  changes: readonly Change[]
  nodes: { base: number; head: number }
  /** `$ref`s that did not resolve, which the comparison skipped. */
  problems: { base: readonly string[]; head: readonly string[] }
}

export const kinds: readonly Kind[] = ['node', 'property', 'link', 'enum']

export function breakingChanges(review: Review): Change[] {
  return review.changes.filter((change) => change.breaking !== undefined)
}
