import type { Tokenizer } from '../../src/trace/token-counter.js'

/** One token per whitespace-separated word: easy to count by eye. */
export const wordTokenizer: Tokenizer = (text) => text.split(/\s+/).filter((word) => word !== '')
