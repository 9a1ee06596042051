import { describe, expect, it } from 'vitest'
import { emptySummary } from '../../src/session/test-record.js'
import type { SessionSummary } from '../../src/session/test-record.js'
import { summaryLines } from '../../src/vitest/summary-lines.js'

describe('summaryLines', () => {
  it('gives totals, the most token-hungry tests and where the session went', () => {
    const summary = {
      ...emptySummary(),
      total: 1_204,
      passed: 1_100,
      failed: 4,
      skipped: 100,
      testsWithTraces: 2,
      spans: 1234,
      llmCalls: 1,
      tokensTotal: 15000,
    }
    const lines = summaryLines({
      summary,
      topTests: [
        { name: 'a > big', file: 'a.test.ts', tokens: 12000 },
        { name: 'small', file: 'b.test.ts', tokens: 3000 },
      ],
      reports: [
        { label: 'session file', location: '.vitest-wandb/s.jsonl' },
        { label: 'W&B run', location: 'https://x', hint: 'sync later' },
      ],
    })
    expect(lines).toEqual([
      'vitest-wandb: 1,204 tests (1,100 passed, 4 failed, 100 skipped) · 2 with traces · 1,234 spans · 1 LLM call · 15,000 tokens',
      '  most tokens:',
      '       12,000  a.test.ts > a > big',
      '        3,000  b.test.ts > small',
      '  session file: .vitest-wandb/s.jsonl',
      '  W&B run: https://x',
      '    sync later',
    ])
  })

  it('leaves out the token list when no test used tokens', () => {
    const lines = summaryLines({
      summary: { ...emptySummary(), total: 1, passed: 1, testsWithTraces: 1, spans: 1 },
      topTests: [],
      reports: [],
    })
    expect(lines).toEqual([
      'vitest-wandb: 1 test (1 passed) · 1 with traces · 1 span · 0 LLM calls · 0 tokens',
    ])
  })

  it('always counts the passed tests, and the failed and skipped ones when there are any', () => {
    const line = (counts: Partial<SessionSummary>): string =>
      summaryLines({ summary: { ...emptySummary(), ...counts }, topTests: [], reports: [] })[0]!
    expect(line({ total: 2, failed: 2 })).toMatch(
      /^vitest-wandb: 2 tests \(0 passed, 2 failed\) · /,
    )
    expect(line({ total: 3, passed: 1, skipped: 2 })).toMatch(
      /^vitest-wandb: 3 tests \(1 passed, 2 skipped\) · 0 with traces · /,
    )
    expect(line({ total: 3, passed: 1, failed: 1, skipped: 1 })).toContain(
      '3 tests (1 passed, 1 failed, 1 skipped) · ',
    )
  })
})
