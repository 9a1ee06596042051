/**
 * Runs `work` over `items` with at most `limit` running at once; results keep the items' order. The
 * first rejection stops new work from starting and is rethrown once the running work settles.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, worker: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  let failed = false
  const worker = async (id: number): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next
      next += 1
      try {
        results[index] = await work(items[index] as T, id)
      } catch (error) {
        failed = true
        throw error
      }
    }
  }
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, (_, id) =>
    worker(id),
  )
  const settled = await Promise.allSettled(workers)
  const rejected = settled.find((result) => result.status === 'rejected')
  if (rejected !== undefined) throw (rejected as PromiseRejectedResult).reason
  return results
}
