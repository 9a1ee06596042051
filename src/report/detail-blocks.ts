import { deflateRawSync } from 'node:zlib'
import type { ReportTestDetail } from './report-data.js'

/** Details are packed until their JSON reaches this size: a block the page inflates at once. */
export const BLOCK_TARGET_CHARS = 512 * 1024

/** Where a test's detail went: its block and its place in it. */
export interface DetailPlace {
  readonly block: number
  readonly entry: number
}

/**
 * Packs test details into compressed blocks as they come, so a session's spans and payloads are
 * held compressed (often a twentieth of their size) rather than as objects.
 */
export class DetailBlocks {
  private readonly blocks: string[] = []
  private pending: string[] = []
  private pendingChars = 0

  constructor(private readonly targetChars = BLOCK_TARGET_CHARS) {}

  add(detail: ReportTestDetail): DetailPlace {
    const json = JSON.stringify(detail)
    const place = { block: this.blocks.length, entry: this.pending.length }
    this.pending.push(json)
    this.pendingChars += json.length
    if (this.pendingChars >= this.targetChars) this.seal()
    return place
  }

  /** Every block, the last one sealed. */
  finish(): string[] {
    if (this.pending.length > 0) this.seal()
    return [...this.blocks]
  }

  private seal(): void {
    const json = `[${this.pending.join(',')}]`
    this.blocks.push(deflateRawSync(Buffer.from(json, 'utf8')).toString('base64'))
    this.pending = []
    this.pendingChars = 0
  }
}
