import { describe, expect, it } from 'vitest'
import { EventPayload } from '../../../src/events/event-payload.js'
import { shapeResponseEvent } from '../../../src/trace/shape/shape-query.js'
import { shapeContext } from '../../support/shape-context.js'

describe('shapeResponseEvent', () => {
  it('gives the query in and the response text with its source nodes out', () => {
    const shaped = shapeResponseEvent(
      {
        start: { [EventPayload.QUERY_STR]: 'refund?' },
        end: {
          [EventPayload.RESPONSE]: {
            response: '30 days',
            sourceNodes: [{ node: { id_: 'n1', text: 'Refunds take 30 days.' }, score: 0.9 }],
            metadata: { ignored: true },
          },
        },
      },
      shapeContext(),
    )
    expect(shaped.inputs).toEqual({ [EventPayload.QUERY_STR]: 'refund?' })
    expect(shaped.outputs).toEqual({
      [EventPayload.RESPONSE]: '30 days',
      source_nodes: [{ id: 'n1', score: 0.9, text: 'Refunds take 30 days.' }],
    })
  })

  it('reads Python-style source_nodes and a plain string response', () => {
    const shaped = shapeResponseEvent(
      {
        start: {},
        end: {
          [EventPayload.RESPONSE]: {
            response: 'yes',
            source_nodes: [{ node: { id_: 'p' }, score: 1 }],
          },
        },
      },
      shapeContext(),
    )
    expect(shaped.outputs).toEqual({
      [EventPayload.RESPONSE]: 'yes',
      source_nodes: [{ id: 'p', score: 1, text: null }],
    })
    const plain = shapeResponseEvent(
      { start: {}, end: { [EventPayload.RESPONSE]: 'plain answer' } },
      shapeContext(),
    )
    expect(plain.outputs).toEqual({ [EventPayload.RESPONSE]: 'plain answer' })
  })

  it('summarizes nodes given next to the response (synthesize ends)', () => {
    const shaped = shapeResponseEvent(
      {
        start: { [EventPayload.QUERY_STR]: 'q' },
        end: {
          [EventPayload.RESPONSE]: 'answer',
          [EventPayload.NODES]: [{ node: { id_: 'n9', text: 'ctx' }, score: 0.1 }],
        },
      },
      shapeContext(),
    )
    expect(shaped.outputs).toEqual({
      [EventPayload.RESPONSE]: 'answer',
      source_nodes: [{ id: 'n9', score: 0.1, text: 'ctx' }],
    })
  })

  it('marks a streamed response without reading it', () => {
    let pulled = 0
    async function* tokens() {
      pulled += 1
      yield 'never read'
    }
    const shaped = shapeResponseEvent(
      { start: {}, end: { [EventPayload.RESPONSE]: tokens() } },
      shapeContext(),
    )
    expect(shaped.outputs).toEqual({ [EventPayload.RESPONSE]: null, streamed: true })
    expect(pulled).toBe(0)
  })

  it('keeps the text of a stream that was already drained', () => {
    const drained = { response_gen: {}, response: 'full text' }
    const shaped = shapeResponseEvent(
      { start: {}, end: { [EventPayload.RESPONSE]: drained } },
      shapeContext(),
    )
    expect(shaped.outputs).toEqual({ [EventPayload.RESPONSE]: 'full text', streamed: true })
  })

  it('truncates a long response and has no outputs before the end', () => {
    const shaped = shapeResponseEvent(
      { start: {}, end: { [EventPayload.RESPONSE]: 'y'.repeat(40) } },
      shapeContext({ limits: { maxChars: 16 } }),
    )
    expect(shaped.outputs?.[EventPayload.RESPONSE]).toBe(
      `${'y'.repeat(16)}… [truncated 24 of 40 chars]`,
    )
    expect(shapeResponseEvent({ start: {}, end: undefined }, shapeContext()).outputs).toBeNull()
  })
})
