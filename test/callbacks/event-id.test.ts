import { describe, expect, it } from 'vitest'
import { newEventId } from '../../src/callbacks/event-id.js'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

// Ids are made from a buffer of random bytes refilled every 256 ids: enough to cross several refills.
const MANY = 2_000

describe('newEventId', () => {
  it('makes random UUIDs of version 4 and the RFC 4122 variant, as crypto.randomUUID does', () => {
    const ids = Array.from({ length: MANY }, newEventId)
    for (const id of ids) expect(id).toMatch(UUID_V4)
    expect(ids.map((id) => id.length)).toEqual(ids.map(() => crypto.randomUUID().length))
  })

  it('never repeats an id, across refills of its random bytes', () => {
    const ids = Array.from({ length: MANY }, newEventId)
    expect(new Set(ids).size).toBe(MANY)
  })

  it('uses every hex digit in every random position', () => {
    const ids = Array.from({ length: MANY }, newEventId)
    const randomPositions = [...ids[0]!].flatMap((_, at) =>
      at === 8 || at === 13 || at === 14 || at === 18 || at === 19 || at === 23 ? [] : [at],
    )
    for (const at of randomPositions) {
      expect(new Set(ids.map((id) => id[at])).size, `position ${at}`).toBe(16)
    }
  })
})
