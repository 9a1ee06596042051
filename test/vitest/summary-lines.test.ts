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

  it('shows a line per score under the totals, names aligned, passing only when judged', () => {
    const score = (mean: number, min: number, count: number, judged = 0, passed = 0) => ({
      mean,
      sum: mean * count,
      min,
      max: 1,
      count,
      judged,
      passed,
      lowest: { test: 'rag.test.ts > answers refunds', mean: min },
    })
    const lines = summaryLines({
      summary: {
        ...emptySummary(),
        total: 12,
        passed: 12,
        scores: { faithfulness: score(0.71, 0.4, 12, 12, 10), mrr: score(1, 1, 1) },
      },
      topTests: [],
      reports: [{ label: 'session file', location: '.vitest-wandb/s.jsonl' }],
    })
    expect(lines).toEqual([
      'vitest-wandb: 12 tests (12 passed) · 0 with traces · 0 spans · 0 LLM calls · 0 tokens',
      '  faithfulness  mean 0.71 · min 0.40 · 12 tests · passing 83% · lowest: rag.test.ts > answers refunds (0.40)',
      '  mrr           mean 1.00 · min 1.00 · 1 test · lowest: rag.test.ts > answers refunds (1.00)',
      '  session file: .vitest-wandb/s.jsonl',
    ])
  })

  it('says 100% passing only when every judged value passed', () => {
    const lines = summaryLines({
      summary: {
        ...emptySummary(),
        scores: {
          judged: {
            mean: 1,
            sum: 1,
            min: 1,
            max: 1,
            count: 1,
            judged: 200,
            passed: 199,
            lowest: { test: 't', mean: 1 },
          },
        },
      },
      topTests: [],
      reports: [],
    })
    expect(lines[1]).toContain(' · passing 99% · ')
  })

  it("adds the judges' LLM calls and tokens to the totals when judges made any", () => {
    const line = (counts: Partial<SessionSummary>): string =>
      summaryLines({ summary: { ...emptySummary(), ...counts }, topTests: [], reports: [] })[0]!
    expect(line({ llmCalls: 2, tokensTotal: 20, judgeLlmCalls: 3, judgeTokensTotal: 165 })).toMatch(
      / · 2 LLM calls · 20 tokens · 3 judge calls · 165 judge tokens$/,
    )
    expect(line({ judgeLlmCalls: 1, judgeTokensTotal: 1 })).toMatch(
      / · 0 tokens · 1 judge call · 1 judge token$/,
    )
    expect(line({ llmCalls: 2, tokensTotal: 20 })).toMatch(/ · 2 LLM calls · 20 tokens$/)
  })
})
