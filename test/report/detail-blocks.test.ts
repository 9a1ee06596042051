import { inflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { DetailBlocks } from '../../src/report/detail-blocks.js'
import type { ReportTestDetail } from '../../src/report/report-data.js'

const detail = (error: string): ReportTestDetail => ({
  error,
  spans: [],
  outline: null,
  outlineTooLong: null,
})

const inflate = (block: string): unknown =>
  JSON.parse(inflateRawSync(Buffer.from(block, 'base64')).toString('utf8'))

describe('DetailBlocks', () => {
  it('packs details into blocks of about the target size and says where each went', () => {
    const blocks = new DetailBlocks(200)
    const places = ['a', 'b', 'c'].map((text) => blocks.add(detail(text.repeat(60))))
    expect(places).toEqual([
      { block: 0, entry: 0 },
      { block: 0, entry: 1 },
      { block: 1, entry: 0 },
    ])
    const packed = blocks.finish()
    expect(packed).toHaveLength(2)
    expect(inflate(packed[0] as string)).toEqual([detail('a'.repeat(60)), detail('b'.repeat(60))])
    expect(inflate(packed[1] as string)).toEqual([detail('c'.repeat(60))])
  })

  it('keeps text of any script as it was, and compresses repeated payloads', () => {
    const blocks = new DetailBlocks()
    const text = '退款 </script><script>alert(1)</script> 🚀 '.repeat(2_000)
    blocks.add(detail(text))
    const [block] = blocks.finish()
    expect(inflate(block as string)).toEqual([detail(text)])
    expect((block as string).length).toBeLessThan(text.length / 20)
    expect(block).toMatch(/^[A-Za-z0-9+/]+=*$/)
  })

  it('has no blocks when no test was added', () => {
    expect(new DetailBlocks().finish()).toEqual([])
  })
})
