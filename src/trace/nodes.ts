import type { JsonObject } from '../json.js'
import { DEFAULT_MAX_PAYLOAD_CHARS, MAX_LISTED_NODES, NODE_PREVIEW_CHARS } from './limits.js'
import { readFirst, readKey } from './read.js'
import { truncateText } from './truncate.js'

const NODE_ID_KEYS = ['id_', 'node_id', 'nodeId', 'id']
const NODE_TEXT_KEYS = ['text', 'content']

/**
 * A bounded summary of retrieved or source nodes: id, score and a short text preview each, so
 * retrieval spans show what was found (the seed logged nothing for them). No string in it is
 * longer than `maxChars`, the handler's payload limit.
 */
export function summarizeNodes(
  nodes: unknown,
  maxChars: number = DEFAULT_MAX_PAYLOAD_CHARS,
): JsonObject[] | undefined {
  if (!Array.isArray(nodes)) return undefined
  const listed = Math.min(nodes.length, MAX_LISTED_NODES)
  const summaries: JsonObject[] = []
  // Holes of a sparse list are visited too: map would leave them as holes in the output.
  for (let index = 0; index < listed; index += 1)
    summaries.push(summarizeNode(nodes[index], maxChars))
  return summaries
}

function summarizeNode(entry: unknown, maxChars: number): JsonObject {
  const node = readKey(entry, 'node') ?? entry
  const id = readFirst(node, NODE_ID_KEYS)
  const score = readKey(entry, 'score')
  const text = nodeText(node)
  return {
    id:
      typeof id === 'string' || typeof id === 'number' ? truncateText(String(id), maxChars) : null,
    // -0 becomes 0, as JSON would make it.
    score: typeof score === 'number' && Number.isFinite(score) ? score + 0 : null,
    text: text === undefined ? null : truncateText(text, Math.min(NODE_PREVIEW_CHARS, maxChars)),
  }
}

function nodeText(node: unknown): string | undefined {
  if (typeof node === 'string') return node
  const text = readFirst(node, NODE_TEXT_KEYS)
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
