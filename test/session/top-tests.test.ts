import { describe, expect, it } from 'vitest'
import { TopTests } from '../../src/session/top-tests.js'
import type { TestRecord } from '../../src/session/test-record.js'
import { emptyStats } from '../../src/trace/span.js'
import { testRecord } from '../support/test-records.js'

function record(name: string, totalTokens: number): TestRecord {
  return testRecord({ name, stats: { ...emptyStats(), totalTokens } })
}

describe('TopTests', () => {
  it('keeps the tests with the most tokens, most first, and no more than its size', () => {
    const top = new TopTests(3)
    for (const [name, tokens] of [
      ['a', 5],
      ['b', 50],
      ['c', 0],
      ['d', 20],
      ['e', 40],
      ['f', 1],
    ] as const)
      top.offer(record(name, tokens))
    expect(top.tests.map((test) => [test.name, test.tokens])).toEqual([
      ['b', 50],
      ['e', 40],
      ['d', 20],
    ])
  })

  it('ignores tests that used no tokens', () => {
    const top = new TopTests(5)
    top.offer(record('none', 0))
    expect(top.tests).toEqual([])
  })
})
