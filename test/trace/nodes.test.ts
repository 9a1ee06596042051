import { describe, expect, it } from 'vitest'
import { MAX_LISTED_NODES, NODE_PREVIEW_CHARS } from '../../src/trace/limits.js'
import { countOf, summarizeNodes } from '../../src/trace/nodes.js'

describe('summarizeNodes', () => {
  it('lists id, score and text of nodes with scores', () => {
    const nodes = [
      { node: { id_: 'n1', text: 'Refunds take 30 days.' }, score: 0.91 },
      { node: { node_id: 'n2', text: 'Shipping is free.' }, score: 0.5 },
    ]
    expect(summarizeNodes(nodes)).toEqual([
      { id: 'n1', score: 0.91, text: 'Refunds take 30 days.' },
      { id: 'n2', score: 0.5, text: 'Shipping is free.' },
    ])
  })

  it('reads LlamaIndex.TS nodes through getContent and camelCase ids', () => {
    const node = {
      nodeId: 'ts-1',
      getContent(this: { body: string }) {
        return this.body
      },
      body: 'from getContent',
    }
    expect(summarizeNodes([{ node, score: 1 }])).toEqual([
      { id: 'ts-1', score: 1, text: 'from getContent' },
    ])
  })

  it('accepts bare nodes, plain strings and numeric ids', () => {
    expect(summarizeNodes([{ id: 7, content: 'bare' }, 'just text'])).toEqual([
      { id: '7', score: null, text: 'bare' },
      { id: null, score: null, text: 'just text' },
    ])
  })

  it('bounds the text preview', () => {
    const long = 'x'.repeat(NODE_PREVIEW_CHARS * 3)
    const [summary] = summarizeNodes([{ node: { id_: 'n', text: long }, score: 0 }]) ?? []
    const text = summary?.['text']
    expect(typeof text).toBe('string')
    expect((text as string).startsWith('x'.repeat(NODE_PREVIEW_CHARS))).toBe(true)
    expect(text).toContain(
      `[truncated ${NODE_PREVIEW_CHARS * 2} of ${NODE_PREVIEW_CHARS * 3} chars]`,
    )
    expect((text as string).length).toBeLessThan(NODE_PREVIEW_CHARS + 50)
  })

  it('lists at most MAX_LISTED_NODES nodes', () => {
    const nodes = Array.from({ length: MAX_LISTED_NODES + 10 }, (_, index) => ({
      node: { id_: `n${index}`, text: '' },
      score: index,
    }))
    const summaries = summarizeNodes(nodes) ?? []
    expect(summaries).toHaveLength(MAX_LISTED_NODES)
    expect(summaries.at(-1)?.['id']).toBe(`n${MAX_LISTED_NODES - 1}`)
  })

  it('drops scores that are not finite numbers and text it cannot read', () => {
    const node = {
      id_: 'n',
      getContent() {
        throw new Error('needs a metadata mode')
      },
    }
    expect(
      summarizeNodes([
        { node, score: Number.NaN },
        { node: { id_: 'm' }, score: '1' },
      ]),
    ).toEqual([
      { id: 'n', score: null, text: null },
      { id: 'm', score: null, text: null },
    ])
  })

  it('gives undefined for anything but a list', () => {
    expect(summarizeNodes(undefined)).toBeUndefined()
    expect(summarizeNodes({ length: 1 })).toBeUndefined()
  })
})

describe('countOf', () => {
  it('counts list items and nothing else', () => {
    expect(countOf([1, 2, 3])).toBe(3)
    expect(countOf([])).toBe(0)
    expect(countOf('abc')).toBeUndefined()
    expect(countOf(undefined)).toBeUndefined()
  })
})
