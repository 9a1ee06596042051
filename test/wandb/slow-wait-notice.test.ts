import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Deadline } from '../../src/wandb/http/deadline.js'
import { withSlowWaitNotice } from '../../src/wandb/slow-wait-notice.js'

function pending(): { promise: Promise<string>; settle: (value: string) => void } {
  let settle: (value: string) => void = () => undefined
  const promise = new Promise<string>((done) => (settle = done))
  return { promise, settle }
}

describe('withSlowWaitNotice', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('says once, after 2 s, what it waits for and how much longer it may take', async () => {
    const lines: string[] = []
    const wait = pending()
    const waited = withSlowWaitNotice(wait.promise, {
      what: 'finish the run',
      deadline: new Deadline(30_000),
      announce: (line) => lines.push(line),
    })
    await vi.advanceTimersByTimeAsync(1_999)
    expect(lines).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(lines).toEqual(['vitest-wandb: waiting for W&B to finish the run (up to 28 s more)…'])
    await vi.advanceTimersByTimeAsync(20_000)
    wait.settle('done')
    await expect(waited).resolves.toBe('done')
    expect(lines).toHaveLength(1)
  })

  it('says nothing of a wait that ends within 2 s, nor after it ended', async () => {
    const lines: string[] = []
    const wait = pending()
    const waited = withSlowWaitNotice(wait.promise, {
      what: 'finish the run',
      deadline: new Deadline(30_000),
      announce: (line) => lines.push(line),
    })
    await vi.advanceTimersByTimeAsync(1_500)
    wait.settle('quick')
    await expect(waited).resolves.toBe('quick')
    await vi.advanceTimersByTimeAsync(10_000)
    expect(lines).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('says nothing when the deadline is already past, and survives an announcer that throws', async () => {
    const lines: string[] = []
    const expired = pending()
    const quiet = withSlowWaitNotice(expired.promise, {
      what: 'finish the run',
      deadline: new Deadline(1_000),
      announce: (line) => lines.push(line),
    })
    await vi.advanceTimersByTimeAsync(2_000)
    expired.settle('late')
    await expect(quiet).resolves.toBe('late')
    expect(lines).toEqual([])

    const wait = pending()
    const waited = withSlowWaitNotice(wait.promise, {
      what: 'finish the run',
      deadline: new Deadline(30_000),
      announce: () => {
        throw new Error('stdout closed')
      },
    })
    await vi.advanceTimersByTimeAsync(2_000)
    wait.settle('still fine')
    await expect(waited).resolves.toBe('still fine')
  })

  it('passes a rejection through unchanged and stops its timer', async () => {
    const lines: string[] = []
    const failing = withSlowWaitNotice(Promise.reject(new Error('boom')), {
      what: 'finish the run',
      deadline: new Deadline(30_000),
      announce: (line) => lines.push(line),
    })
    await expect(failing).rejects.toThrow('boom')
    await vi.advanceTimersByTimeAsync(5_000)
    expect(lines).toEqual([])
  })
})
