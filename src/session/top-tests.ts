import type { TestRecord } from './test-record.js'

export interface TokenHungryTest {
  readonly name: string
  readonly file: string
  readonly tokens: number
}

/** Keeps the `size` tests that used the most tokens, without keeping every test. */
export class TopTests {
  private kept: TokenHungryTest[] = []

  constructor(private readonly size: number) {}

  offer(record: TestRecord): void {
    const tokens = record.stats.totalTokens
    if (tokens <= 0) return
    const lowest = this.kept[this.kept.length - 1]
    if (this.kept.length >= this.size && lowest !== undefined && lowest.tokens >= tokens) return
    this.kept.push({ name: record.name, file: record.file, tokens })
    this.kept.sort((a, b) => b.tokens - a.tokens)
    this.kept.length = Math.min(this.kept.length, this.size)
  }

  get tests(): readonly TokenHungryTest[] {
    return this.kept
  }
}
