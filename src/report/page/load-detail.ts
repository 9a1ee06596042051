import type { ReportData, ReportTest, ReportTestDetail } from '../report-data.js'

/** Blocks kept inflated: the ones a reader moves between. */
const KEPT_BLOCKS = 4

/** Loads a test's detail from its block, inflating each block once while it is in use. */
export function detailLoader(data: ReportData): (test: ReportTest) => Promise<ReportTestDetail> {
  const kept = new Map<number, Promise<ReportTestDetail[]>>()
  return async (test) => {
    let block = kept.get(test.block)
    if (block === undefined) {
      block = inflate(data.blocks[test.block] ?? '')
      kept.set(test.block, block)
      for (const old of kept.keys()) if (kept.size > KEPT_BLOCKS) kept.delete(old)
    } else {
      kept.delete(test.block)
      kept.set(test.block, block)
    }
    const detail = (await block)[test.entry]
    if (detail === undefined) throw new Error(`The report has no detail for ${test.name}.`)
    return detail
  }
}

async function inflate(base64: string): Promise<ReportTestDetail[]> {
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'))
  return JSON.parse(await new Response(stream).text()) as ReportTestDetail[]
}
