import { describe, expect, it } from 'vitest'
import { waitWithNotice } from '../../../src/wandb/sender/wait-with-notice.js'

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms))

describe('waitWithNotice', () => {
  it('says once what a slow step waits for and the longest it may still take', async () => {
    const lines: string[] = []
    const wait = waitWithNotice((line) => lines.push(line), 30)
    const value = await wait('accept rows 1–2', 5_000, async (deadline) => {
      await pause(120)
      return deadline.remainingMs() > 0 && 'done'
    })
    expect(value).toBe('done')
    expect(lines).toEqual(['vitest-wandb: waiting for W&B to accept rows 1–2 (up to 5 s more)…'])
  })

  it('says nothing for a quick step, nor after a step that failed', async () => {
    const lines: string[] = []
    const wait = waitWithNotice((line) => lines.push(line), 50)
    expect(await wait('create the run', 1_000, async () => 'quick')).toBe('quick')
    await expect(wait('x', 1_000, () => Promise.reject(new Error('no')))).rejects.toThrow('no')
    await pause(100)
    expect(lines).toEqual([])
  })

  it('gives each step a deadline of its own budget', async () => {
    const wait = waitWithNotice(() => undefined)
    const remaining = await wait('x', 4_000, async (deadline) => deadline.remainingMs())
    expect(remaining).toBeGreaterThan(3_900)
    expect(remaining).toBeLessThanOrEqual(4_000)
  })
})
