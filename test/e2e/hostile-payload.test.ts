import { beforeAll, describe, expect, it } from 'vitest'
import type { Span } from '../../src/trace/span.js'
import type { TestRecord } from '../../src/session/test-record.js'
import { readOnlySession, testNamed } from './support/read-session.js'
import { runFixture } from './support/run-fixture.js'
import type { FixtureRun } from './support/run-fixture.js'

const TEST_NAME = 'survives a hostile LLM payload and counts its tokens'

describe('a test whose LLM payload is huge and hostile', () => {
  let run: FixtureRun
  let record: TestRecord

  beforeAll(async () => {
    run = await runFixture('hostile', [], { WANDB_API_KEY: '' })
    record = testNamed(readOnlySession(run.dir), TEST_NAME)
  }, 120_000)

  it('passes, and the run exits 0 without a warning from tracing', () => {
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    expect(run.stdout).toMatch(/Tests\s+1 passed/)
    expect(record).toMatchObject({ state: 'passed', error: null })
    expect(run.stderr).not.toContain('vitest-wandb:')
  })

  it('records the query and its LLM call as a tree, the LLM span with its counted tokens', () => {
    expect(record.traces).toHaveLength(1)
    const root = record.traces[0]!.rootSpan
    expect(root).toMatchObject({ name: 'query', span_kind: 'AGENT', status_code: 'SUCCESS' })
    const llm = root.child_spans?.[0] as Span
    expect(root.child_spans).toHaveLength(1)
    expect(llm).toMatchObject({ name: 'llm', span_kind: 'LLM', status_code: 'SUCCESS' })
    expect(llm.attributes).toEqual({
      formatted_prompt_tokens_count: 625_000,
      prediction_tokens_count: 200_005,
      total_tokens_used: 825_005,
    })
    expect(record.stats).toMatchObject({ spans: 2, llmCalls: 1, totalTokens: 825_005 })
    expect(llm.start_time_ms).toBeLessThanOrEqual(llm.end_time_ms ?? -1)
  })

  it('keeps the payloads bounded, with the hostile values made plain', () => {
    const llm = record.traces[0]!.rootSpan.child_spans?.[0] as Span
    const inputs = llm.results?.[0]?.inputs ?? {}
    const outputs = llm.results?.[0]?.outputs ?? {}
    expect(inputs['formatted_prompt']).toMatch(/^x+… \[truncated \d+ of 5000000 chars\]$/)
    expect(String(inputs['formatted_prompt']).length).toBeLessThan(5_000)
    expect(String(inputs['messages']).length).toBeLessThan(5_000)
    expect(String(outputs['response']).startsWith('退款需要多长时间')).toBe(true)
    expect(String(outputs['response']).length).toBeLessThan(5_000)
    expect(inputs['additional_kwargs']).toEqual({
      cycle: { name: 'cycle', self: '[Circular]' },
      big: '1000000000000000000000000000000n',
      getter: { boom: '[Unreadable]' },
      proxy: '[Unserializable Object]',
    })
    expect(JSON.stringify(record).length).toBeLessThan(100_000)
  })
})
