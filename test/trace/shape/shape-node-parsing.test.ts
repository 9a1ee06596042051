import { describe, expect, it } from 'vitest'
import { EventPayload } from '../../../src/events/event-payload.js'
import { shapeNodeParsing } from '../../../src/trace/shape/shape-node-parsing.js'
import { shapeContext } from '../../support/shape-context.js'

describe('shapeNodeParsing', () => {
  it('counts documents in and nodes out instead of copying them', () => {
    const shaped = shapeNodeParsing(
      {
        start: { [EventPayload.DOCUMENTS]: [{ text: 'a' }, { text: 'b' }], splitter: 'sentence' },
        end: { [EventPayload.NODES]: [{}, {}, {}] },
      },
      shapeContext(),
    )
    expect(shaped.inputs).toEqual({ splitter: 'sentence', num_documents: 2 })
    expect(shaped.outputs).toEqual({ num_nodes: 3 })
    expect(shaped.attributes).toEqual({})
  })

  it('leaves out counts of what is missing or not a list', () => {
    const shaped = shapeNodeParsing(
      { start: { [EventPayload.DOCUMENTS]: 'one doc' }, end: undefined },
      shapeContext(),
    )
    expect(shaped.inputs).toEqual({})
    expect(shaped.outputs).toBeNull()
  })
})
