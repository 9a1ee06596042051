import { setupServer, type SetupServer } from 'msw/node'
import type { FakeWandb } from './index.js'

type WithResolvers = <T>() => {
  promise: Promise<T>
  resolve: (value: T | PromiseLike<T>) => void
  reject: (reason?: unknown) => void
}

/** msw 3 targets Node ≥ 22 and calls Promise.withResolvers, which Node 20 lacks. */
function ensurePromiseWithResolvers(): void {
  const promise = Promise as unknown as { withResolvers?: WithResolvers }
  promise.withResolvers ??= <T>() => {
    let resolve!: (value: T | PromiseLike<T>) => void
    let reject!: (reason?: unknown) => void
    const created = new Promise<T>((res, rej) => {
      resolve = res
      reject = rej
    })
    return { promise: created, resolve, reject }
  }
}

/** An msw server answering the fake's `mswBaseUrl`; `listen({ onUnhandledFrame: 'error' })` and `close()` it around tests. */
export function setupFakeWandbServer(fake: Pick<FakeWandb, 'handlers'>): SetupServer {
  ensurePromiseWithResolvers()
  return setupServer(...fake.handlers)
}
