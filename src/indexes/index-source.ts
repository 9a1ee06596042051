import { join } from 'node:path'

interface Persistable {
  persist(path: string): unknown
}

/** The parts of a LlamaIndex.TS `StorageContext` that hold an index. */
interface StorageContextLike {
  readonly docStore: object
  readonly indexStore: object
  readonly vectorStores: Readonly<Record<string, object | undefined>>
}

/** What `persistIndex` was given, told apart by shape. */
export type IndexSource =
  | { readonly kind: 'directory'; readonly dir: string }
  | {
      readonly kind: 'storage-context'
      readonly storage: StorageContextLike
      readonly rootId: string | undefined
    }
  | {
      readonly kind: 'persistable'
      readonly target: Persistable
      readonly rootId: string | undefined
    }

export const DOC_STORE_FILE = 'doc_store.json'
export const INDEX_STORE_FILE = 'index_store.json'
export const VECTOR_STORE_FILE = 'vector_store.json'

/** A directory path, a LlamaIndex.TS index (or its storage context), or any object with `persist(dir)`. */
export function indexSource(index: unknown): IndexSource {
  if (typeof index === 'string') return { kind: 'directory', dir: index }
  if (typeof index === 'object' && index !== null) {
    const storage = storageContextOf(index)
    if (storage !== undefined) return { kind: 'storage-context', storage, rootId: rootIdOf(index) }
    if (hasPersist(index)) return { kind: 'persistable', target: index, rootId: rootIdOf(index) }
  }
  throw new TypeError(
    `persistIndex takes a folder path, a LlamaIndex index (with storageContext) or an object with persist(dir); got ${describe(index)}`,
  )
}

/**
 * Writes the stores as `storageContextFromDefaults({ persistDir })` reads them. Goes through each
 * store's key-value store when it has one: `SimpleDocumentStore.persist()` writes nothing for an
 * in-memory store, and `SimpleIndexStore.persist()` does not wait for its write.
 */
export async function persistSource(source: IndexSource, dir: string): Promise<void> {
  if (source.kind === 'persistable') {
    await source.target.persist(dir)
    return
  }
  if (source.kind !== 'storage-context') return
  const { docStore, indexStore, vectorStores } = source.storage
  await persistStore(docStore, join(dir, DOC_STORE_FILE))
  await persistStore(indexStore, join(dir, INDEX_STORE_FILE))
  const text = vectorStores['TEXT']
  if (text !== undefined && hasPersist(text)) await text.persist(join(dir, VECTOR_STORE_FILE))
}

async function persistStore(store: object, path: string): Promise<void> {
  const kvStore = (store as { kvStore?: unknown }).kvStore
  if (typeof kvStore === 'object' && kvStore !== null && hasPersist(kvStore))
    await kvStore.persist(path)
  else if (hasPersist(store)) await store.persist(path)
}

function storageContextOf(index: object): StorageContextLike | undefined {
  const nested = (index as { storageContext?: unknown }).storageContext
  for (const candidate of [nested, index]) {
    if (isStorageContext(candidate)) return candidate
  }
  return undefined
}

function isStorageContext(value: unknown): value is StorageContextLike {
  if (typeof value !== 'object' || value === null) return false
  const { docStore, indexStore, vectorStores } = value as Record<string, unknown>
  return [docStore, indexStore, vectorStores].every(
    (part) => typeof part === 'object' && part !== null,
  )
}

function hasPersist(value: object): value is Persistable {
  return typeof (value as { persist?: unknown }).persist === 'function'
}

/** A composed index's `rootId`, else the id of the index's own struct. */
function rootIdOf(index: object): string | undefined {
  const { rootId, indexStruct } = index as { rootId?: unknown; indexStruct?: { indexId?: unknown } }
  if (typeof rootId === 'string' && rootId !== '') return rootId
  const indexId =
    typeof indexStruct === 'object' && indexStruct !== null ? indexStruct.indexId : undefined
  return typeof indexId === 'string' && indexId !== '' ? indexId : undefined
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value !== 'object') return typeof value
  return `an object without storageContext or persist (${value.constructor?.name ?? 'Object'})`
}
