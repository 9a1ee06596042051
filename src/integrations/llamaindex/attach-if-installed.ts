import { readKey } from '../../trace/read.js'
import { describeError, warn } from '../../warnings.js'
import { attachLlamaIndex } from './attach.js'
import type { AttachLlamaIndexOptions } from './attach.js'
import type { LlamaIndexCallbackManager } from './llamaindex-types.js'

// A name in a variable: the compiler must not resolve it, and it is not a dependency of this package.
const LLAMAINDEX_MODULE = 'llamaindex'

/**
 * Attaches the adapter to `Settings.callbackManager` of the `llamaindex` the project has installed;
 * undefined (and no warning) when it has none. Returns the detach function.
 */
export async function attachLlamaIndexIfInstalled(
  options: AttachLlamaIndexOptions = {},
): Promise<(() => void) | undefined> {
  let llamaindex: unknown
  try {
    llamaindex = await import(LLAMAINDEX_MODULE)
  } catch {
    return undefined
  }
  try {
    const manager = readKey(readKey(llamaindex, 'Settings'), 'callbackManager')
    if (isCallbackManager(manager)) return attachLlamaIndex(manager, options)
    warn(
      'the installed llamaindex has no Settings.callbackManager with on() and off(); LlamaIndex.TS events are not traced.',
    )
  } catch (error) {
    warn(`could not attach to llamaindex's Settings.callbackManager: ${describeError(error)}`)
  }
  return undefined
}

function isCallbackManager(value: unknown): value is LlamaIndexCallbackManager {
  return typeof readKey(value, 'on') === 'function' && typeof readKey(value, 'off') === 'function'
}
