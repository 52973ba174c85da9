import type { Document, Node } from 'yaml'
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument
} from 'yaml'

import type { Finding, Severity } from './finding.js'

/** One key of a YAML mapping with its value, both with their places. */
export interface Entry {
  key: string
  keyNode: Node | undefined
  value: Node | null
}

/**
 * A YAML file of the centre's configuration, parsed with the line of every
 * node, so that each finding points at the line it is about.
 */
export class YamlSource {
  readonly findings: Finding[] = []
  readonly root: Node | null

  private readonly lines = new LineCounter()
  private readonly document: Document

  constructor(
    readonly file: string,
    text: string
  ) {
    const document = parseDocument(text, {
      lineCounter: this.lines,
      uniqueKeys: true
    })
    this.document = document
    for (const error of document.errors) {
      const [position] = error.linePos ?? []
      this.findings.push({
        severity: 'error',
        file,
        ...(position && { line: position.line, column: position.col }),
        message: `not valid YAML: ${error.message.split(' at line ')[0] ?? error.message}`
      })
    }
    this.root = document.errors.length > 0 ? null : document.contents
  }

  /** False when the text is not YAML: nothing else is checked then. */
  get parsed(): boolean {
    return this.findings.length === 0
  }

  /** The line and column where a node starts; line 1 when unknown. */
  place(node: Node | null | undefined): { line: number; column: number } {
    const offset = node?.range?.[0]
    if (offset === undefined) return { line: 1, column: 1 }
    const { line, col } = this.lines.linePos(offset)
    return { line, column: col }
  }

  report(
    severity: Severity,
    node: Node | null | undefined,
    message: string
  ): void {
    this.findings.push({
      severity,
      file: this.file,
      ...this.place(node),
      message
    })
  }

  error(node: Node | null | undefined, message: string): void {
    this.report('error', node, message)
  }

  warning(node: Node | null | undefined, message: string): void {
    this.report('warning', node, message)
  }

  /** The entries of a mapping, or undefined when the node is not one. */
  entries(node: Node | null | undefined): Entry[] | undefined {
    const resolved = this.resolve(node)
    if (!isMap(resolved)) return undefined
    return resolved.items.map((pair) => {
      const keyNode = pair.key as Node | undefined
      return {
        key: this.text(keyNode) ?? String(keyNode),
        keyNode,
        value: this.resolve(pair.value as Node | null | undefined) ?? null
      }
    })
  }

  /** The entry of a mapping under one key. */
  entry(node: Node | null | undefined, key: string): Entry | undefined {
    return this.entries(node)?.find((entry) => entry.key === key)
  }

  /** The items of a sequence, or undefined when the node is not one. */
  items(node: Node | null | undefined): Node[] | undefined {
    const resolved = this.resolve(node)
    if (!isSeq(resolved)) return undefined
    return (resolved.items as Node[]).map((item) => this.resolve(item) ?? item)
  }

  /** A scalar's value as text, or undefined for anything else. */
  text(node: Node | null | undefined): string | undefined {
    const resolved = this.resolve(node)
    if (!isScalar(resolved)) return undefined
    const { value } = resolved
    return typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean'
      ? String(value)
      : undefined
  }

  isMapping(node: Node | null | undefined): boolean {
    return isMap(this.resolve(node))
  }

  isList(node: Node | null | undefined): boolean {
    return isSeq(this.resolve(node))
  }

  /** What an alias such as `*env` stands for; other nodes as they are. */
  private resolve(node: Node | null | undefined): Node | null | undefined {
    if (!isAlias(node)) return node
    return node.resolve(this.document) ?? node
  }

  /** Null, or a scalar written as ~, null or nothing. */
  isEmpty(node: Node | null | undefined): boolean {
    return (
      node === null ||
      node === undefined ||
      (isScalar(node) && node.value === null)
    )
  }
}
