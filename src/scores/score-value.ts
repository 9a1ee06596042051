import { DEFAULT_MAX_PAYLOAD_CHARS } from '../trace/limits.js'
import { truncateText } from '../trace/truncate.js'

/** What `score` takes as a value: a number, a boolean (1 or 0), or an evaluator's result. */
export type ScoreInput = number | boolean | EvaluationResultLike

/** The shape LlamaIndex.TS evaluators return: the score, and whether it passes, with why. */
export interface EvaluationResultLike {
  readonly score: number
  readonly passing?: boolean
  readonly feedback?: string
}

/** One score as recorded: a finite number, and what came with it. */
export interface ScoreValue {
  readonly value: number
  readonly passing: boolean | null
  readonly comment: string | null
}

const MAX_COMMENT_CHARS = DEFAULT_MAX_PAYLOAD_CHARS

/** The value, or what is wrong with it as a clause (`is NaN, not a finite number`). */
export function readScoreValue(input: unknown, comment: string | undefined): ScoreValue | string {
  const note = comment === undefined ? null : truncateText(comment, MAX_COMMENT_CHARS)
  if (typeof input === 'boolean') return { value: input ? 1 : 0, passing: null, comment: note }
  if (typeof input === 'number') {
    return Number.isFinite(input)
      ? { value: input, passing: null, comment: note }
      : `is ${String(input)}, not a finite number`
  }
  if (typeof input !== 'object' || input === null)
    return `is ${describe(input)}, not a number, a boolean or { score }`
  let score: unknown
  let passing: unknown
  let feedback: unknown
  try {
    const result = input as Record<string, unknown>
    score = result['score']
    passing = result['passing']
    feedback = result['feedback']
  } catch {
    return 'cannot be read (a getter threw)'
  }
  if (typeof score !== 'number' || !Number.isFinite(score)) {
    return `has ${score === undefined ? 'no score' : `a score of ${describe(score)}`}, not a finite number`
  }
  return {
    value: score,
    passing: typeof passing === 'boolean' ? passing : null,
    comment:
      note ??
      (typeof feedback === 'string' && feedback !== ''
        ? truncateText(feedback, MAX_COMMENT_CHARS)
        : null),
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `the text ${JSON.stringify(value.slice(0, 40))}`
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value === 'function') return 'a function'
  if (Array.isArray(value)) return 'a list'
  return String(value)
}
