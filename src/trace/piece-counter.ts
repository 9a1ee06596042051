/** What is read of a js-tiktoken ranks file besides the ranks: the split pattern and the special tokens. */
export interface EncodingRules {
  readonly pat_str: string
  readonly special_tokens: Readonly<Record<string, number>>
}

/** The number of tokens one piece of a split text makes, encoded on its own. */
export type PieceTokens = (piece: string) => number

// Bounds the memory kept per encoding; long pieces (runs of spaces, blobs) are rarely seen twice.
export const MAX_CACHED_PIECES = 50_000
export const MAX_CACHED_PIECE_CHARS = 64
// Whole texts too: a suite sends the same prompts again and again (fixtures, retries, fake models).
export const MAX_CACHED_TEXTS = 1_000
export const MAX_CACHED_TEXT_CHARS = 16_384
export const MAX_CACHED_TEXTS_TOTAL_CHARS = 1_000_000

/**
 * Counts tokens as js-tiktoken's `encode(text).length` does, without building the token list.
 * js-tiktoken splits a text into pieces (words, numbers, punctuation, runs of spaces) and encodes
 * each on its own, so each distinct piece is counted once and its count kept: a text seen in
 * parts before costs a lookup per piece. A special token in the text throws, as js-tiktoken
 * throws when none is allowed, which is what `encode(text)` allows.
 */
export class PieceCounter {
  private readonly counts = new Map<string, number>()
  private readonly texts = new Map<string, number>()
  private textChars = 0
  private readonly splitter: RegExp
  private readonly special: RegExp | undefined

  constructor(
    rules: EncodingRules,
    private readonly countPiece: PieceTokens,
  ) {
    // The flags js-tiktoken splits with.
    this.splitter = new RegExp(rules.pat_str, 'ug')
    const specials = Object.keys(rules.special_tokens)
    this.special =
      specials.length === 0 ? undefined : new RegExp(specials.map(escapeRegex).join('|'), 'u')
  }

  count(text: string): number {
    const cached = this.texts.get(text)
    if (cached !== undefined) return cached
    const counted = this.countPiecesOf(text)
    this.keepText(text, counted)
    return counted
  }

  private countPiecesOf(text: string): number {
    const special = this.special?.exec(text)
    if (special != null) {
      throw new Error(`The text contains a special token that is not allowed: ${special[0]}`)
    }
    let total = 0
    for (const [piece] of text.matchAll(this.splitter)) total += this.countOnce(piece)
    return total
  }

  private countOnce(piece: string): number {
    const known = this.counts.get(piece)
    if (known !== undefined) return known
    const counted = this.countPiece(piece)
    this.keep(piece, counted)
    return counted
  }

  private keepText(text: string, count: number): void {
    if (text.length > MAX_CACHED_TEXT_CHARS) return
    while (
      this.texts.size >= MAX_CACHED_TEXTS ||
      this.textChars + text.length > MAX_CACHED_TEXTS_TOTAL_CHARS
    ) {
      const oldest = this.texts.keys().next()
      if (oldest.done === true) break
      this.texts.delete(oldest.value)
      this.textChars -= oldest.value.length
    }
    this.texts.set(detached(text), count)
    this.textChars += text.length
  }

  private keep(piece: string, count: number): void {
    if (piece.length > MAX_CACHED_PIECE_CHARS) return
    if (this.counts.size >= MAX_CACHED_PIECES) {
      const oldest = this.counts.keys().next()
      if (oldest.done !== true) this.counts.delete(oldest.value)
    }
    this.counts.set(detached(piece), count)
  }
}

// A copy: a piece or text may be a slice that keeps a far larger string alive.
function detached(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le')
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$*+?.()|[\]{}]/g, '\\$&')
}
