import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { keyPosition, keyRank, PairQueue } from '../../src/trace/pair-queue.js'
import { NUM_RUNS } from '../property/runs.js'

function popAll(queue: PairQueue): [number, number][] {
  const popped: [number, number][] = []
  while (!queue.isEmpty) {
    const key = queue.pop()
    popped.push([keyRank(key), keyPosition(key)])
  }
  return popped
}

describe('PairQueue', () => {
  it('gives the lowest rank first, and the leftmost position among equal ranks', () => {
    const queue = new PairQueue(4)
    for (const [rank, position] of [
      [5, 10],
      [3, 7],
      [5, 2],
      [3, 9],
      [0, 4_000_000_000],
    ] as const)
      queue.push(rank, position)
    expect(popAll(queue)).toEqual([
      [0, 4_000_000_000],
      [3, 7],
      [3, 9],
      [5, 2],
      [5, 10],
    ])
    expect(queue.isEmpty).toBe(true)
  })

  it('keeps every key, in order, for any pushes and pops, growing as it needs', () => {
    const rank = fc.integer({ min: 0, max: 2 ** 21 - 1 })
    const position = fc.integer({ min: 0, max: 2 ** 32 - 1 })
    const step = fc.option(fc.tuple(rank, position), { nil: undefined })
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
        const queue = new PairQueue(1)
        const model: [number, number][] = []
        const byKey = (a: [number, number], b: [number, number]) => a[0] - b[0] || a[1] - b[1]
        for (const each of steps) {
          if (each !== undefined) {
            queue.push(...each)
            model.push(each)
          } else if (model.length > 0) {
            model.sort(byKey)
            const key = queue.pop()
            expect([keyRank(key), keyPosition(key)]).toEqual(model.shift())
          }
        }
        expect(popAll(queue)).toEqual(model.sort(byKey))
      }),
      { numRuns: NUM_RUNS },
    )
  })

  it('empties on reset, and serves again', () => {
    const queue = new PairQueue(2)
    for (let position = 0; position < 10; position += 1) queue.push(7, position)
    queue.reset(2)
    expect(queue.isEmpty).toBe(true)
    queue.push(9, 1)
    queue.push(8, 5)
    expect(popAll(queue)).toEqual([
      [8, 5],
      [9, 1],
    ])
  })
})
