import type { ChangeKind, TestComparison } from './comparison.js'

/** How a report marks a test: by its most telling change. */
export type TestMark = 'broken' | 'fixed' | 'added' | 'removed' | 'changed'

export function testMark(test: TestComparison): TestMark {
  const [first] = test.change
  if (first === 'passed-to-failed') return 'broken'
  if (first === 'removed' || first === 'added') return first
  if (first === 'failed-to-passed') return 'fixed'
  return 'changed'
}

/** The test's changes in words: `passed → failed, structure, tokens`. */
export function changeLabels(test: TestComparison): string {
  return test.change.map((kind) => changeLabel(kind, test)).join(', ')
}

function changeLabel(kind: ChangeKind, test: TestComparison): string {
  switch (kind) {
    case 'added':
      return `added (${test.state.head ?? '?'})`
    case 'removed':
      return `removed (was ${test.state.base ?? '?'})`
    case 'passed-to-failed':
      return 'passed → failed'
    case 'failed-to-passed':
      return 'failed → passed'
    case 'run-to-skipped':
      return `${test.state.base ?? '?'} → skipped`
    case 'skipped-to-run':
      return `skipped → ${test.state.head ?? '?'}`
    case 'newly-flaky':
      return 'flaky now'
    case 'no-longer-flaky':
      return 'no longer flaky'
    case 'outline':
      return 'structure'
    case 'llm-calls':
      return 'LLM calls'
    case 'tokens':
    case 'scores':
    case 'duration':
      return kind
  }
}

/** `1 passed → failed, 2 added, 3 structure`: how many tests have each kind of change. */
export function changeCounts(changes: Readonly<Record<ChangeKind, number>>): string {
  const words: Record<ChangeKind, string> = {
    'passed-to-failed': 'passed → failed',
    removed: 'removed',
    'run-to-skipped': 'skipped now',
    'newly-flaky': 'flaky now',
    scores: 'scores',
    outline: 'structure',
    'llm-calls': 'LLM calls',
    tokens: 'tokens',
    duration: 'duration',
    'failed-to-passed': 'failed → passed',
    'skipped-to-run': 'run now',
    'no-longer-flaky': 'no longer flaky',
    added: 'added',
  }
  return (Object.keys(words) as ChangeKind[])
    .filter((kind) => changes[kind] > 0)
    .map((kind) => `${changes[kind]} ${words[kind]}`)
    .join(', ')
}
