/** How much of a payload a span keeps: every limit bounds something that grows with user input. */
export interface PayloadLimits {
  /** Characters kept of any one string value; the rest is replaced by a truncation marker. */
  readonly maxChars: number
  /** Items kept of any one array, Map or Set. */
  readonly maxItems: number
  /** Keys kept of any one object. */
  readonly maxKeys: number
  /** Levels of nesting kept below a payload's top. */
  readonly maxDepth: number
}

export const DEFAULT_MAX_PAYLOAD_CHARS = 4096
export const DEFAULT_PAYLOAD_LIMITS: PayloadLimits = {
  maxChars: DEFAULT_MAX_PAYLOAD_CHARS,
  maxItems: 100,
  maxKeys: 100,
  maxDepth: 8,
}

/** Characters of node text kept in a retrieval preview. */
export const NODE_PREVIEW_CHARS = 200
/** Nodes listed in a retrieval or synthesis span. */
export const MAX_LISTED_NODES = 50
/** Parts of one message's content rendered as text; the rest are counted in a marker. */
export const MAX_CONTENT_PARTS = 10_000
/** Characters kept of a name a content part carries (a file name, an unknown part type). */
export const PART_NAME_CHARS = 100

export function payloadLimits(maxChars: number | undefined): PayloadLimits {
  if (maxChars === undefined) return DEFAULT_PAYLOAD_LIMITS
  if (!Number.isInteger(maxChars) || maxChars < 16) {
    throw new RangeError(
      `maxPayloadChars must be a whole number of at least 16 characters; got ${String(maxChars)}.`,
    )
  }
  return { ...DEFAULT_PAYLOAD_LIMITS, maxChars }
}
