import { expect } from 'vitest'
import { spanSnapshotMatchers } from './matchers.js'
import { spanTreeSerializer } from '../../trace/outline/span-tree-snapshot.js'

const REGISTERED_KEY = Symbol.for('vitest-wandb.span-matchers-registered')

/** Adds the span snapshot matchers and serializer to Vitest's `expect`, once per worker context. */
export function registerSpanMatchers(): void {
  const holder = expect as unknown as { [REGISTERED_KEY]?: true }
  if (holder[REGISTERED_KEY]) return
  holder[REGISTERED_KEY] = true
  expect.extend(spanSnapshotMatchers)
  expect.addSnapshotSerializer(
    spanTreeSerializer as Parameters<typeof expect.addSnapshotSerializer>[0],
  )
}
