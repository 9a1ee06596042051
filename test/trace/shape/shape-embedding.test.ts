import { describe, expect, it } from 'vitest'
import { EventPayload } from '../../../src/events/event-payload.js'
import { shapeEmbedding } from '../../../src/trace/shape/shape-embedding.js'
import { shapeContext } from '../../support/shape-context.js'

describe('shapeEmbedding', () => {
  it('counts chunks and gives the vector size instead of copying either', () => {
    const shaped = shapeEmbedding(
      {
        start: { [EventPayload.SERIALIZED]: { model: 'fake' } },
        end: {
          [EventPayload.CHUNKS]: ['a', 'b', 'c'],
          [EventPayload.EMBEDDINGS]: [
            [0.1, 0.2],
            [0.3, 0.4],
            [0.5, 0.6],
          ],
        },
      },
      shapeContext(),
    )
    expect(shaped.inputs).toEqual({ [EventPayload.SERIALIZED]: { model: 'fake' } })
    expect(shaped.outputs).toEqual({ num_chunks: 3, dimensions: 2 })
  })

  it('counts chunks given at the start and says zero when there are none', () => {
    const fromStart = shapeEmbedding(
      { start: { [EventPayload.CHUNKS]: ['a', 'b'] }, end: {} },
      shapeContext(),
    )
    expect(fromStart.inputs).toEqual({})
    expect(fromStart.outputs).toEqual({ num_chunks: 2 })
    expect(shapeEmbedding({ start: undefined, end: undefined }, shapeContext()).outputs).toEqual({
      num_chunks: 0,
    })
  })
})
