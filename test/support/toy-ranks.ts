import type { TiktokenBPE } from 'js-tiktoken/lite'
import cl100k from 'js-tiktoken/ranks/cl100k_base'

/**
 * A js-tiktoken ranks file with every byte as a token (ranks 0 to 255), then `tokens` in order
 * (ranks from 256), split as cl100k splits: a vocabulary small enough to work merges out by hand.
 */
export function toyRanks(tokens: readonly string[]): TiktokenBPE {
  const bytes = Array.from({ length: 256 }, (_, byte) => Buffer.from([byte]).toString('base64'))
  const words = tokens.map((token) => Buffer.from(token).toString('base64'))
  return {
    pat_str: cl100k.pat_str,
    special_tokens: { '<|endoftext|>': 256 + tokens.length },
    bpe_ranks: `! 0 ${[...bytes, ...words].join(' ')}`,
  }
}
