import { aroundEach, inject } from 'vitest'
import { WandbCallbackHandler } from '../handler.js'
import { describeError, warn } from '../warnings.js'
import { registerSpanMatchers } from './span-snapshot/register.js'
import { encodeScores, encodeTestTraces, SCORES_META_KEY, TEST_META_KEY } from './test-meta.js'
import { sharedCallbackManager } from '../routing/shared-callback-manager.js'
import { newTestScope, runInTestScope } from '../routing/test-scope.js'
import type { TestScope } from '../routing/test-scope.js'
import { WORKER_OPTIONS_KEY } from './worker-options.js'
import type { WorkerOptions } from './worker-options.js'

registerSpanMatchers()

const options: WorkerOptions = readWorkerOptions()

// Attaching is idempotent per process: every test file's setup may ask, LlamaIndex events are taken once.
// The adapter is loaded only when asked for: every test file's worker loads this setup.
if (options.llamaindex === true && (await attachLlamaIndex()) === undefined) {
  warn(
    'the llamaindex option is on, but the llamaindex package could not be loaded; LlamaIndex.TS is not traced.',
  )
}

// Each attempt of each test (retries included) gets a fresh handler, and runs inside its scope so
// events from shared callback managers reach it; its traces go to the reporter in `task.meta`.
// A score under its minimum fails the test once it is over, after every score was recorded.
aroundEach(async (runTest, { task }) => {
  const handler = new WandbCallbackHandler({
    maxPayloadChars: options.maxPayloadChars,
    tokenizer: options.tokenizer,
  })
  const scope = newTestScope(handler, task.fullTestName ?? task.name)
  try {
    await runInTestScope(scope, runTest)
  } finally {
    await storeTraces(task.meta as Record<string, unknown>, scope)
  }
  const shortfalls = scope.scores.shortfalls()
  if (shortfalls.length > 0) throw new Error(shortfalls.join('\n'))
})

async function storeTraces(meta: Record<string, unknown>, scope: TestScope): Promise<void> {
  try {
    await scope.handler.finish()
    meta[TEST_META_KEY] = encodeTestTraces(scope.handler)
    if (scope.scores.scores.length > 0 || meta[SCORES_META_KEY] !== undefined) {
      meta[SCORES_META_KEY] = encodeScores(meta, scope.scores.scores)
    }
  } catch (error) {
    warn(`could not hand this test's traces to the reporter: ${describeError(error)}`)
  }
}

function readWorkerOptions(): WorkerOptions {
  try {
    return inject(WORKER_OPTIONS_KEY) ?? {}
  } catch {
    return {}
  }
}

async function attachLlamaIndex(): Promise<(() => void) | undefined> {
  const { attachLlamaIndexIfInstalled } = await import('../integrations/llamaindex.js')
  return attachLlamaIndexIfInstalled({ target: sharedCallbackManager() })
}
