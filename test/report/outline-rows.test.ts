import { describe, expect, it } from 'vitest'
import { diffLines } from '../../src/compare/line-diff.js'
import { outlineRows } from '../../src/report/outline-rows.js'
import { outlineView } from '../../src/report/outline-view.js'

describe('outlineRows', () => {
  it('puts kept lines on one row and marks a line only one side has', () => {
    const base = ['query (AGENT)', '├─ retrieve (TOOL)', '└─ llm (LLM)']
    const head = ['query (AGENT)', '├─ retrieve (TOOL)', '├─ reranking (CHAIN)', '└─ llm (LLM)']
    expect(outlineRows(diffLines(base, head))).toEqual([
      { same: true, base: 'query (AGENT)', head: 'query (AGENT)' },
      { same: true, base: '├─ retrieve (TOOL)', head: '├─ retrieve (TOOL)' },
      { same: false, base: null, head: '├─ reranking (CHAIN)' },
      { same: true, base: '└─ llm (LLM)', head: '└─ llm (LLM)' },
    ])
  })

  it('pairs a run of removed lines with the run of added lines that replaced it', () => {
    const rows = outlineRows([
      { op: ' ', line: 'a' },
      { op: '-', line: 'b' },
      { op: '-', line: 'c' },
      { op: '+', line: 'B' },
      { op: ' ', line: 'd' },
      { op: '-', line: 'e' },
    ])
    expect(rows).toEqual([
      { same: true, base: 'a', head: 'a' },
      { same: false, base: 'b', head: 'B' },
      { same: false, base: 'c', head: null },
      { same: true, base: 'd', head: 'd' },
      { same: false, base: 'e', head: null },
    ])
  })
})

describe('outlineView', () => {
  it('shows nothing for outlines that are the same', () => {
    expect(outlineView('a\nb', 'a\nb')).toEqual({ outline: null, outlineTooLong: null })
  })

  it('shows every line as added when the baseline had none', () => {
    expect(outlineView('', 'a\n└─ b').outline).toEqual([
      { same: false, base: null, head: 'a' },
      { same: false, base: null, head: '└─ b' },
    ])
  })

  it('counts the lines of outlines too long to align, as the comparison bounds them', () => {
    const long = Array.from({ length: 2_001 }, (_, index) => `span ${index}`).join('\n')
    expect(outlineView('a', long)).toEqual({
      outline: null,
      outlineTooLong: { base: 1, head: 2_001 },
    })
  })
})
