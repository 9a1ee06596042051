import { AsyncLocalStorage } from 'node:async_hooks'
import { newEventId } from '../../callbacks/event-id.js'
import { stringOf } from '../../trace/read.js'
import { sharedCallbackManager } from '../../routing/shared-callback-manager.js'
import { describeError, warn } from '../../warnings.js'
import { attachedLlamaIndexManagers } from './attach.js'
import { EMBEDDING_EVENT_NAMES } from './event-names.js'
import { emitDirectly } from './embedding-direct.js'
import type { LlamaIndexCallbackManager, SpanTarget } from './llamaindex-types.js'

/** The embedding methods of LlamaIndex.TS's `BaseEmbedding` that are wrapped, where the model has them. */
export const TRACED_EMBEDDING_METHODS = [
  'getTextEmbedding',
  'getTextEmbeddings',
  'getTextEmbeddingsBatch',
  'getQueryEmbedding',
] as const

/** A `BaseEmbedding` instance, typed by what is wrapped. */
export type EmbeddingModel = object

export interface TraceEmbeddingsOptions {
  /**
   * The LlamaIndex manager the spans go through, so an attached adapter nests them under the
   * retrieval that asked for them: every manager an adapter is attached to, by default.
   */
  readonly callbackManager?: LlamaIndexCallbackManager
  /** Where the spans go when no adapter is attached: the process-wide manager, by default. */
  readonly target?: SpanTarget
}

/** The start of one embedding call, as sent through a LlamaIndex manager. */
interface EmbeddingCall {
  readonly id: string
  readonly model: string
  readonly texts: readonly unknown[]
}

const undoByModel = new WeakMap<object, () => void>()
let insideCall: AsyncLocalStorage<object> | undefined

/**
 * Makes an embedding model's calls emit EMBEDDING spans (model name, number of texts, dimensions)
 * without changing what they return or throw. A call made inside another traced call of the same
 * model (a batch calling its per-text method) adds no span. Returns a function that undoes it;
 * tracing a model twice returns the same function.
 */
export function traceEmbeddings(
  embedModel: EmbeddingModel,
  options: TraceEmbeddingsOptions = {},
): () => void {
  const existing = undoByModel.get(embedModel)
  if (existing !== undefined) return existing
  insideCall ??= new AsyncLocalStorage<object>()
  const restores: (() => void)[] = []
  try {
    for (const method of TRACED_EMBEDDING_METHODS) {
      const restore = wrapMethod(embedModel, method, options, insideCall)
      if (restore !== undefined) restores.push(restore)
    }
  } catch (error) {
    restores.forEach((restore) => restore())
    warn(`could not trace this embedding model's calls: ${describeError(error)}`)
    return () => {}
  }
  const undo = (): void => {
    if (undoByModel.get(embedModel) !== undo) return
    undoByModel.delete(embedModel)
    restores.forEach((restore) => restore())
  }
  undoByModel.set(embedModel, undo)
  return undo
}

function wrapMethod(
  model: object,
  method: string,
  options: TraceEmbeddingsOptions,
  inside: AsyncLocalStorage<object>,
): (() => void) | undefined {
  const record = model as Record<string, unknown>
  const original = record[method]
  if (typeof original !== 'function') return undefined
  const wasOwn = Object.hasOwn(model, method)
  record[method] = async function tracedEmbedding(...args: unknown[]): Promise<unknown> {
    if (inside.getStore() === model) return original.apply(model, args)
    const call: EmbeddingCall = {
      id: newEventId(),
      model: modelName(model),
      texts: textsOf(args[0]),
    }
    emit(EMBEDDING_EVENT_NAMES.start, call, options)
    try {
      const result: unknown = await inside.run(model, () => original.apply(model, args))
      emit(EMBEDDING_EVENT_NAMES.end, { id: call.id, embeddings: vectorsOf(result) }, options)
      return result
    } catch (error) {
      emit(EMBEDDING_EVENT_NAMES.end, { id: call.id, failed: true, error }, options)
      throw error
    }
  }
  return () => {
    if (wasOwn) record[method] = original
    else delete record[method]
  }
}

function emit(
  name: (typeof EMBEDDING_EVENT_NAMES)[keyof typeof EMBEDDING_EVENT_NAMES],
  detail: object,
  options: TraceEmbeddingsOptions,
): void {
  try {
    const managers =
      options.callbackManager === undefined
        ? attachedLlamaIndexManagers()
        : [options.callbackManager]
    if (managers.length === 0) emitDirectly(name, detail, options.target ?? sharedCallbackManager())
    for (const manager of managers) manager.dispatchEvent?.(name, detail)
  } catch (error) {
    warn(`could not record an embedding call: ${describeError(error)}`)
  }
}

// LlamaIndex.TS embedding models are functions (a transform component is callable): read them directly.
function modelName(model: object): string {
  try {
    const record = model as Record<string, unknown>
    const name = record['model'] ?? record['modelName']
    if (typeof name === 'string') return name
    return stringOf(model.constructor?.name || 'embedding model')
  } catch {
    return 'embedding model'
  }
}

// Batch methods take a list of texts; the others one text or one query.
function textsOf(input: unknown): readonly unknown[] {
  return Array.isArray(input) ? input : [input]
}

function vectorsOf(result: unknown): readonly unknown[] {
  if (!Array.isArray(result)) return []
  return Array.isArray(result[0]) ? result : [result]
}
