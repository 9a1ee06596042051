import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * The one AsyncLocalStorage of this name in the process, even when the module asking for it is
 * loaded twice (a setup file and a test file may resolve it through different paths).
 */
export function processWideStorage<T>(name: string): AsyncLocalStorage<T> {
  const key = Symbol.for(`vitest-wandb.${name}`)
  const holder = globalThis as { [key: symbol]: AsyncLocalStorage<T> | undefined }
  holder[key] ??= new AsyncLocalStorage<T>()
  return holder[key]
}
