import { DEFAULT_PAYLOAD_LIMITS } from '../../src/trace/limits.js'
import type { PayloadLimits } from '../../src/trace/limits.js'
import type { ShapeContext } from '../../src/trace/shape/shaped-span.js'
import type { Tokenizer } from '../../src/trace/token-counter.js'
import { wordTokenizer } from './tokenizers.js'

export function shapeContext(
  overrides: { limits?: Partial<PayloadLimits>; tokenizer?: Tokenizer } = {},
): ShapeContext {
  return {
    limits: { ...DEFAULT_PAYLOAD_LIMITS, ...overrides.limits },
    tokenizer: overrides.tokenizer ?? wordTokenizer,
  }
}
