import { aroundEach, inject } from 'vitest'
import { WandbCallbackHandler } from '../handler.js'
import { describeError, warn } from '../warnings.js'
import { registerSpanMatchers } from './span-snapshot/register.js'
import { encodeTestTraces, TEST_META_KEY } from './test-meta.js'
import { sharedCallbackManager } from '../routing/shared-callback-manager.js'
import { runInTestScope } from '../routing/test-scope.js'
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
aroundEach(async (runTest, { task }) => {
  const handler = new WandbCallbackHandler({
    maxPayloadChars: options.maxPayloadChars,
    tokenizer: options.tokenizer,
  })
  try {
    await runInTestScope({ handler }, runTest)
  } finally {
    await storeTraces(task.meta as Record<string, unknown>, handler)
  }
})

async function storeTraces(
  meta: Record<string, unknown>,
  handler: WandbCallbackHandler,
): Promise<void> {
  try {
    await handler.finish()
    meta[TEST_META_KEY] = encodeTestTraces(handler)
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
