type StorageContextFactory = (options: { persistDir: string }) => Promise<unknown>

/**
 * A LlamaIndex.TS `StorageContext` over `dir` when `llamaindex` is installed, else undefined. The
 * import is dynamic: this package never depends on LlamaIndex.
 */
export async function llamaStorageContext(dir: string): Promise<unknown> {
  const specifier = 'llamaindex'
  let module: { storageContextFromDefaults?: unknown }
  try {
    module = (await import(specifier)) as typeof module
  } catch {
    return undefined
  }
  if (typeof module.storageContextFromDefaults !== 'function') return undefined
  return (module.storageContextFromDefaults as StorageContextFactory)({ persistDir: dir })
}
