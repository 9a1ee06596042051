import { describe, expect, it } from 'vitest'
import { formatText } from '../../src/compare/format-text.js'
import { compareSessions } from '../../src/compare/compare-sessions.js'
import { exampleComparison } from './support/example-comparison.js'
import { digestOf, record } from './support/sessions.js'

describe('formatText', () => {
  it('prints both sessions, the totals, each changed test and the regressions', () => {
    expect(formatText(exampleComparison(), { color: false })).toBe(`vitest-wandb diff
  base  .vitest-wandb/session-20260101-120000-b1.jsonl
        session b1 · 2026-01-01 12:30:05 UTC · main a1b2c3d
  head  .vitest-wandb/session-20260102-120000-h2.jsonl
        session h2 · 2026-01-01 12:30:05 UTC · feature
        it has no summary line (the run was cut short): totals come from its tests
        1 test record repeated a test recorded before: the last record of each test is compared

                         base   head  Δ
  Tests                     4      4
  Passed                    4      2  -2
  Failed                    0      1  +1
  Skipped                   0      1  +1
  Pass rate            100.0%  66.7%  -33.3 pts
  Spans                     6      7  +1
  LLM calls                 2      2
  Tokens                   20     30  +10
    prompt                 14     21  +7
    completion              6      9  +3
  faithfulness (mean)     0.9    0.7  -0.2

4 tests changed, 1 unchanged: 1 passed → failed, 1 removed, 1 scores, 1 structure, 1 tokens, 1 duration, 1 added.

✗ a.test.ts > refuses  passed → failed
    error: expected 'no idea' to be 'I do not know'

- a.test.ts > old  removed (was passed)

~ a.test.ts > answers  scores, structure, tokens, duration
    structure:
      @@ -1,3 +1,4 @@
       query (AGENT)
       ├─ retrieve (TOOL)
      +├─ rerank (CHAIN)
       └─ llm (LLM)
    Tokens: 10 → 20 (+10)
      prompt: 7 → 14 (+7)
      completion: 3 → 6 (+3)
    faithfulness: 0.9 → 0.7 (-0.2)
    Duration: 120 ms → 900 ms (+780 ms)

+ a.test.ts > new | <b>  added (skipped)

2 regressions:
  a.test.ts > refuses: passed → failed
  faithfulness: session mean 0.9 → 0.7 (-0.2), a fall of more than 0.02
`)
  })

  it('says so when nothing changed', () => {
    const session = digestOf([record('a'), record('b')])
    const text = formatText(compareSessions(session, session), { color: false })
    expect(text).toContain('\nNo test changed (2 tests in both sessions).\n\nNo regressions.\n')
  })

  it('colours marks, diff lines and verdicts only when asked', () => {
    const coloured = formatText(exampleComparison(), { color: true })
    expect(coloured).toContain('\u001b[31m✗\u001b[0m')
    expect(coloured).toContain('\u001b[32m+├─ rerank (CHAIN)\u001b[0m')
    expect(coloured).toContain('\u001b[31m-0.2\u001b[0m')
    expect(formatText(exampleComparison(), { color: false })).not.toContain('\u001b[')
  })

  it('says an outline too long to show changed, with its hashes', () => {
    const comparison = exampleComparison()
    const [broken, removed, changed, ...rest] = comparison.tests
    const tooLong = { ...changed!, outline: { baseHash: 'aaa', headHash: 'bbb', diff: null } }
    const text = formatText(
      { ...comparison, tests: [broken!, removed!, tooLong, ...rest] },
      { color: false },
    )
    expect(text).toContain('    structure changed (too long to show): aaa → bbb\n')
  })
})
