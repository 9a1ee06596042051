import { describe, expect, it } from 'vitest'
import { EventPayload } from '../../../src/events/event-payload.js'
import { NODE_PREVIEW_CHARS } from '../../../src/trace/limits.js'
import { shapeRetrieve } from '../../../src/trace/shape/shape-retrieve.js'
import { shapeContext } from '../../support/shape-context.js'

describe('shapeRetrieve', () => {
  it('keeps the query and lists each node with id, score and a bounded preview', () => {
    const long = 'refund policy '.repeat(50)
    const shaped = shapeRetrieve(
      {
        start: { [EventPayload.QUERY_STR]: 'refund?' },
        end: {
          [EventPayload.NODES]: [
            { node: { id_: 'n1', text: long }, score: 0.8 },
            { node: { id_: 'n2', text: 'short' }, score: 0.2 },
          ],
        },
      },
      shapeContext(),
    )
    expect(shaped.inputs).toEqual({ [EventPayload.QUERY_STR]: 'refund?' })
    const nodes = shaped.outputs?.[EventPayload.NODES] as Record<string, unknown>[]
    expect(nodes.map((node) => [node['id'], node['score']])).toEqual([
      ['n1', 0.8],
      ['n2', 0.2],
    ])
    expect(nodes[0]?.['text']).toBe(
      `${long.slice(0, NODE_PREVIEW_CHARS)}… [truncated ${long.length - NODE_PREVIEW_CHARS} of ${long.length} chars]`,
    )
    expect(nodes[1]?.['text']).toBe('short')
    expect(shaped.outputs?.['num_nodes']).toBe(2)
  })

  it('keeps an end payload without nodes as it is', () => {
    const shaped = shapeRetrieve({ start: undefined, end: { note: 'cache hit' } }, shapeContext())
    expect(shaped.inputs).toBeNull()
    expect(shaped.outputs).toEqual({ note: 'cache hit' })
  })
})
