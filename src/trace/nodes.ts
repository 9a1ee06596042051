import type { JsonObject } from './json.js'
import { MAX_LISTED_NODES, NODE_PREVIEW_CHARS } from './limits.js'
import { readFirst, readKey } from './read.js'
import { truncateText } from './truncate.js'

/**
 * A bounded summary of retrieved or source nodes: id, score and a short text preview each, so
 * retrieval spans show what was found (the seed logged nothing for them).
 */
export function summarizeNodes(nodes: unknown): JsonObject[] | undefined {
  if (!Array.isArray(nodes)) return undefined
  return nodes.slice(0, MAX_LISTED_NODES).map(summarizeNode)
}

function summarizeNode(entry: unknown): JsonObject {
  const node = readKey(entry, 'node') ?? entry
  const id = readFirst(node, ['id_', 'node_id', 'nodeId', 'id'])
  const score = readKey(entry, 'score')
  const text = nodeText(node)
  return {
    id: typeof id === 'string' || typeof id === 'number' ? String(id) : null,
    score: typeof score === 'number' && Number.isFinite(score) ? score : null,
    text: text === undefined ? null : truncateText(text, NODE_PREVIEW_CHARS),
  }
}

function nodeText(node: unknown): string | undefined {
  if (typeof node === 'string') return node
  const text = readFirst(node, ['text', 'content'])
  if (typeof text === 'string') return text
  const getContent = readKey(node, 'getContent')
  if (typeof getContent !== 'function') return undefined
  try {
    const content: unknown = getContent.call(node)
    return typeof content === 'string' ? content : undefined
  } catch {
    return undefined
  }
}

/** How many items a list-valued payload entry holds, or undefined when it is not a list. */
export function countOf(value: unknown): number | undefined {
  return Array.isArray(value) ? value.length : undefined
}
