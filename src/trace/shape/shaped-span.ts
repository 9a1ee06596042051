import type { EventPayloadRecord } from '../../events/event-payload.js'
import type { JsonObject } from '../../json.js'
import type { PayloadLimits } from '../limits.js'
import type { Tokenizer } from '../token-counter.js'
import type { TokenUsage } from '../usage.js'

/** What a span shows of its event pair once the payloads are shaped. */
export interface ShapedSpan {
  readonly inputs: JsonObject | null
  readonly outputs: JsonObject | null
  readonly attributes: JsonObject
  readonly usage?: TokenUsage
}

/** What a shaping that adds no attributes returns: one object for all, so it is frozen. */
export const NO_ATTRIBUTES: JsonObject = Object.freeze({})

export interface ShapeContext {
  readonly limits: PayloadLimits
  readonly tokenizer: Tokenizer
}

export interface EventPairPayloads {
  readonly start: EventPayloadRecord | undefined
  readonly end: EventPayloadRecord | undefined
}

export type PayloadShaper = (pair: EventPairPayloads, context: ShapeContext) => ShapedSpan
