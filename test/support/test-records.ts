import { testId } from '../../src/session/test-record.js'
import type { TestRecord } from '../../src/session/test-record.js'
import { emptyStats } from '../../src/trace/span.js'

/** A session record of a test with no traces; `overrides` set what a test is about. */
export function testRecord(overrides: Partial<TestRecord> = {}): TestRecord {
  const record: Omit<TestRecord, 'id'> = {
    name: 'a test',
    file: 'f.test.ts',
    state: 'passed',
    startedAtMs: 0,
    durationMs: 1,
    retries: 0,
    flaky: false,
    error: null,
    traces: [],
    stats: emptyStats(),
    indexes: [],
    inputs: [],
    scores: {},
    judgeTraces: [],
    judgeStats: emptyStats(),
    ...overrides,
  }
  return { ...record, id: overrides.id ?? testId(record) }
}
