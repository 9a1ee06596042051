import { describe, expect, it } from 'vitest'
import { MAX_SCORES_PER_RUN, ScoreBook } from '../../src/scores/score-book.js'

function book(): { scores: ScoreBook; warnings: string[] } {
  const warnings: string[] = []
  return { scores: new ScoreBook('rag > answers refunds', (line) => warnings.push(line)), warnings }
}

describe('ScoreBook', () => {
  it('records numbers, booleans as 1 and 0, and evaluator results with passing and feedback', () => {
    const { scores, warnings } = book()
    scores.add('faithfulness', 0.75)
    scores.add('cites-a-source', true)
    scores.add('refuses', false, { comment: 'answered instead' })
    scores.add('relevancy', { score: 0.5, passing: false, feedback: 'off topic' })
    scores.add('correctness', { score: 4, feedback: '' }, { comment: 'from the rubric' })
    expect(scores.scores).toEqual([
      { name: 'faithfulness', value: 0.75, passing: null, comment: null, min: null },
      { name: 'cites-a-source', value: 1, passing: null, comment: null, min: null },
      { name: 'refuses', value: 0, passing: null, comment: 'answered instead', min: null },
      { name: 'relevancy', value: 0.5, passing: false, comment: 'off topic', min: null },
      { name: 'correctness', value: 4, passing: null, comment: 'from the rubric', min: null },
    ])
    expect(warnings).toEqual([])
  })

  it('says which scores are under their minimum, after all of them were recorded', () => {
    const { scores } = book()
    scores.add('faithfulness', 0.62, { min: 0.8 })
    scores.add('conciseness', 0.9, { min: 0.5 })
    scores.add('groundedness', { score: 0.1, passing: true }, { min: 0.25 })
    scores.add('exactly', 0.8, { min: 0.8 })
    expect(scores.shortfalls()).toEqual([
      'score "faithfulness" is 0.62, under its minimum 0.8',
      'score "groundedness" is 0.1, under its minimum 0.25',
    ])
  })

  it('turns every kind of bad input into one warning naming the test and the score, and records nothing for it', () => {
    const { scores, warnings } = book()
    const throwing = {
      get score(): number {
        throw new Error('boom')
      },
    }
    const hostileOptions = new Proxy(
      {},
      {
        get() {
          throw new Error('trap')
        },
      },
    )
    scores.add('nan', Number.NaN)
    scores.add('infinite', Number.NEGATIVE_INFINITY)
    scores.add('', 1)
    scores.add('   ', 1)
    scores.add(42 as unknown as string, 1)
    scores.add('text', '0.9')
    scores.add('big', 10n)
    scores.add('no-score', { passing: true })
    scores.add('nan-score', { score: Number.NaN })
    scores.add('getter', throwing)
    scores.add('__proto__', 1)
    scores.add('x'.repeat(101), 1)
    scores.add('bad-min', 0.5, { min: 'high' as unknown as number })
    scores.add('nan-min', 0.5, { min: Number.NaN })
    scores.add('bad-options', 0.5, hostileOptions)
    scores.add('bad-comment', 0.5, { comment: 7 as unknown as string })
    expect(warnings).toEqual([
      'score "nan" of the test "rag > answers refunds" is NaN, not a finite number; it is left out',
      'score "infinite" of the test "rag > answers refunds" is -Infinity, not a finite number; it is left out',
      'score "" of the test "rag > answers refunds" has no name: give score() a non-empty string as its first argument',
      'score "   " of the test "rag > answers refunds" has no name: give score() a non-empty string as its first argument',
      'score 42 of the test "rag > answers refunds" has no name: give score() a non-empty string as its first argument',
      'score "text" of the test "rag > answers refunds" is the text "0.9", not a number, a boolean or { score }; it is left out',
      'score "big" of the test "rag > answers refunds" is 10n, not a number, a boolean or { score }; it is left out',
      'score "no-score" of the test "rag > answers refunds" has no score, not a finite number; it is left out',
      'score "nan-score" of the test "rag > answers refunds" has a score of NaN, not a finite number; it is left out',
      'score "getter" of the test "rag > answers refunds" cannot be read (a getter threw); it is left out',
      'score "__proto__" of the test "rag > answers refunds" has a name JavaScript objects reserve; it is left out',
      `score "${'x'.repeat(100)}" of the test "rag > answers refunds" has a name over 100 characters; it is left out`,
      'score "bad-min" of the test "rag > answers refunds": its min is "high", not a finite number; no minimum is checked',
      'score "nan-min" of the test "rag > answers refunds": its min is NaN, not a finite number; no minimum is checked',
      'score "bad-options" of the test "rag > answers refunds": its options cannot be read (a getter threw); they are ignored',
      'score "bad-comment" of the test "rag > answers refunds": its comment is not a string; it is left out',
    ])
    expect(scores.scores.map((score) => [score.name, score.min, score.comment])).toEqual([
      ['bad-min', null, null],
      ['nan-min', null, null],
      ['bad-options', null, null],
      ['bad-comment', null, null],
    ])
    expect(scores.shortfalls()).toEqual([])
  })

  it('bounds the scores of one run and the length of comments', () => {
    const { scores, warnings } = book()
    for (let index = 0; index <= MAX_SCORES_PER_RUN; index += 1) scores.add(`s${index}`, index)
    scores.add('long', 1, { comment: '评'.repeat(100_000) })
    expect(scores.scores).toHaveLength(MAX_SCORES_PER_RUN)
    expect(warnings).toEqual([
      `the test "rag > answers refunds" recorded over ${MAX_SCORES_PER_RUN} scores; later ones are left out`,
    ])
    const { scores: other } = book()
    other.add('long', 1, { comment: '评'.repeat(100_000) })
    expect(other.scores[0]?.comment?.length).toBeLessThan(5_000)
  })
})
