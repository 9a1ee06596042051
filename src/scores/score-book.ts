import { readScoreValue } from './score-value.js'
import type { ScoreValue } from './score-value.js'

export interface ScoreOptions {
  /** The lowest value that passes: a value under it fails the test at its end. */
  readonly min?: number
  /** Why the value is what it is (a judge's reasoning); an evaluator's feedback by default. */
  readonly comment?: string
}

/** One score of one run of a test. */
export interface RecordedScore extends ScoreValue {
  readonly name: string
  readonly min: number | null
}

const MAX_NAME_CHARS = 100
export const MAX_SCORES_PER_RUN = 1_000

/**
 * The scores one run of a test records. Bad input is never thrown: it becomes one warning line
 * naming the test and the score, and the score is left out.
 */
export class ScoreBook {
  private readonly recorded: RecordedScore[] = []
  private overflowed = false

  constructor(
    private readonly testName: string,
    private readonly warn: (line: string) => void,
  ) {}

  get scores(): readonly RecordedScore[] {
    return this.recorded
  }

  add(name: unknown, input: unknown, options?: unknown): void {
    const label = this.labelOf(name)
    if (typeof name !== 'string' || name.trim() === '') {
      return this.warn(
        `${label} has no name: give score() a non-empty string as its first argument`,
      )
    }
    if (name === '__proto__') {
      return this.warn(`${label} has a name JavaScript objects reserve; it is left out`)
    }
    if (name.length > MAX_NAME_CHARS) {
      return this.warn(`${label} has a name over ${MAX_NAME_CHARS} characters; it is left out`)
    }
    if (this.recorded.length >= MAX_SCORES_PER_RUN) {
      if (this.overflowed) return
      this.overflowed = true
      return this.warn(
        `the test "${this.testName}" recorded over ${MAX_SCORES_PER_RUN} scores; later ones are left out`,
      )
    }
    const { min, comment } = readOptions(options, (problem) => this.warn(`${label}: ${problem}`))
    const read = readScoreValue(input, comment)
    if (typeof read === 'string') return this.warn(`${label} ${read}; it is left out`)
    this.recorded.push({ name, ...read, min: min ?? null })
  }

  /** The messages of the scores under their minimum, in the order they were recorded. */
  shortfalls(): string[] {
    return this.recorded.flatMap(({ name, value, min }) =>
      min !== null && value < min ? [`score "${name}" is ${value}, under its minimum ${min}`] : [],
    )
  }

  private labelOf(name: unknown): string {
    const shown =
      typeof name === 'string' ? JSON.stringify(name.slice(0, MAX_NAME_CHARS)) : String(name)
    return `score ${shown} of the test "${this.testName}"`
  }
}

function readOptions(
  options: unknown,
  problem: (line: string) => void,
): { min: number | undefined; comment: string | undefined } {
  if (options === undefined || options === null) return { min: undefined, comment: undefined }
  if (typeof options !== 'object') {
    problem(`its options are ${typeof options}, not { min?, comment? }; they are ignored`)
    return { min: undefined, comment: undefined }
  }
  let min: unknown
  let comment: unknown
  try {
    ;({ min, comment } = options as ScoreOptions)
  } catch {
    problem('its options cannot be read (a getter threw); they are ignored')
    return { min: undefined, comment: undefined }
  }
  if (min !== undefined && (typeof min !== 'number' || !Number.isFinite(min))) {
    problem(
      `its min is ${typeof min === 'string' ? JSON.stringify(min) : String(min)}, not a finite number; no minimum is checked`,
    )
    min = undefined
  }
  if (comment !== undefined && typeof comment !== 'string') {
    problem('its comment is not a string; it is left out')
    comment = undefined
  }
  return { min: min as number | undefined, comment: comment as string | undefined }
}
