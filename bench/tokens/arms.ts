import { countTokens as gptTokenizerCount } from 'gpt-tokenizer/encoding/cl100k_base'
import { Tiktoken } from 'js-tiktoken/lite'
import cl100k from 'js-tiktoken/ranks/cl100k_base'
import { countTokens, tokenizerForEncoding } from '../../src/trace/token-counter.js'

/** One way to count cl100k tokens. */
export interface CountingArm {
  readonly name: string
  count(text: string): number
}

const ourTokenizer = tokenizerForEncoding('cl100k_base')
// Built now, as a process that counts has it: the first count builds the tokenizer.
countTokens(ourTokenizer, 'warm up')

/** What the handler runs for an LLM span without reported usage: one counter for the process. */
export const oursArm: CountingArm = {
  name: 'ours (vitest-wandb countTokens)',
  count: (text) => countTokens(ourTokenizer, text) ?? Number.NaN,
}

const encoder = new Tiktoken(cl100k)

/** Before: js-tiktoken's own count, which ours replaces. */
export const jsTiktokenArm: CountingArm = {
  name: 'js-tiktoken 1.0.21 encode().length',
  count: (text) => encoder.encode(text).length,
}

export const gptTokenizerArm: CountingArm = {
  name: 'gpt-tokenizer 2.9.0 countTokens',
  count: (text) => gptTokenizerCount(text),
}
