import { describe, expect, it } from 'vitest'
import { filteredRuns, orderRuns, runMatches } from './run-filters.js'
import { FakeRun } from './runs-store.js'

function run(name: string, createdAt: string, branch: string, complete = true, exitcode = 0) {
  const made = new FakeRun('e', 'p', name, createdAt)
  made.configJson = JSON.stringify({ git_branch: { value: branch }, shard: { value: null } })
  made.complete = complete
  made.exitcode = complete ? exitcode : null
  return made
}

const RUNS = [
  run('a', '2026-01-01T00:00:00.000Z', 'main'),
  run('b', '2026-01-02T00:00:00.000Z', 'feature'),
  run('c', '2026-01-03T00:00:00.000Z', 'main', false),
  run('d', '2026-01-04T00:00:00.000Z', 'main', true, 1),
  run('e', '2026-01-05T00:00:00.000Z', 'main'),
]

describe('runMatches', () => {
  it('matches equality on state and on config values, and $and of filters', () => {
    const [a, b, c, d] = RUNS
    expect(runMatches(a!, { state: 'finished' })).toBe(true)
    expect(runMatches(c!, { state: 'running' })).toBe(true)
    expect(runMatches(d!, { state: 'failed' })).toBe(true)
    expect(runMatches(b!, { 'config.git_branch.value': 'feature' })).toBe(true)
    expect(runMatches(b!, { 'config.git_branch.value': 'main' })).toBe(false)
    expect(runMatches(a!, { 'config.shard.value': null })).toBe(true)
    const both = { $and: [{ 'config.git_branch.value': 'main' }, { state: 'finished' }] }
    expect(RUNS.filter((r) => runMatches(r, both)).map((r) => r.name)).toEqual(['a', 'e'])
    expect(runMatches(a!, {})).toBe(true)
  })

  it('throws on operators and keys it does not know, rather than answering wrongly', () => {
    const [a] = RUNS
    expect(() => runMatches(a!, { state: { $ne: 'running' } })).toThrow(/no operator/)
    expect(() => runMatches(a!, { 'summary_metrics.x': 1 })).toThrow(/cannot filter on/)
    expect(() => runMatches(a!, { $and: { state: 'finished' } })).toThrow(/takes a list/)
    expect(() => runMatches(a!, [])).toThrow(/JSON object/)
  })
})

describe('orderRuns', () => {
  it('orders by creation, oldest first by default and newest first for -created_at', () => {
    const shuffled = [RUNS[3]!, RUNS[0]!, RUNS[4]!, RUNS[1]!, RUNS[2]!]
    expect(orderRuns(shuffled, undefined).map((r) => r.name)).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(orderRuns(shuffled, '+created_at').map((r) => r.name)).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(orderRuns(shuffled, '-created_at').map((r) => r.name)).toEqual(['e', 'd', 'c', 'b', 'a'])
    expect(() => orderRuns(shuffled, '-heartbeat_at')).toThrow(/cannot order by/)
  })

  it('filters a JSON string of filters, then orders', () => {
    const filters = JSON.stringify({ state: 'finished' })
    expect(filteredRuns(RUNS, filters, '-created_at').map((r) => r.name)).toEqual(['e', 'b', 'a'])
    expect(filteredRuns(RUNS, null, null)).toHaveLength(5)
  })
})
