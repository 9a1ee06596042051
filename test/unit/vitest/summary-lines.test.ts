import { describe, expect, it } from 'vitest'
import { emptySummary } from '../../../src/session/test-record.js'
import { summaryLines } from '../../../src/vitest/summary-lines.js'

describe('summaryLines', () => {
  it('gives totals, the most token-hungry tests and where the session went', () => {
    const summary = {
      ...emptySummary(),
      total: 3,
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
      'vitest-wandb: 2 tests with traces · 1,234 spans · 1 LLM call · 15,000 tokens',
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
      summary: { ...emptySummary(), testsWithTraces: 1, spans: 1 },
      topTests: [],
      reports: [],
    })
    expect(lines).toEqual(['vitest-wandb: 1 test with traces · 1 span · 0 LLM calls · 0 tokens'])
  })
})
