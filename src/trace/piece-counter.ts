/** What is used of a js-tiktoken encoder. */
export interface TiktokenEncoder {
  encode(
    text: string,
    allowedSpecial?: string[] | 'all',
    disallowedSpecial?: string[] | 'all',
  ): number[]
}

/** What else is read of a js-tiktoken ranks file: the split pattern and the special tokens. */
export interface EncodingRules {
  readonly pat_str: string
  readonly special_tokens: Readonly<Record<string, number>>
}

// Bounds the memory kept per encoding; long pieces (runs of spaces, blobs) are rarely seen twice.
export const MAX_CACHED_PIECES = 50_000
export const MAX_CACHED_PIECE_CHARS = 64
// Whole texts too: a suite sends the same prompts again and again (fixtures, retries, fake models).
export const MAX_CACHED_TEXTS = 1_000
export const MAX_CACHED_TEXT_CHARS = 16_384
export const MAX_CACHED_TEXTS_TOTAL_CHARS = 1_000_000

/**
 * Counts tokens as `encoder.encode(text).length` does, without building the token list. js-tiktoken
 * splits a text into pieces (words, numbers, punctuation, runs of spaces) and encodes each on its
 * own, so each distinct piece is encoded once and its count kept: a text costs a lookup per piece.
 * Pieces not seen yet are encoded in one call, joined by a special token that encoding never
 * merges across. Anything out of the ordinary (a special token in the text, a piece that would
 * split differently on its own) is counted by encoding the whole text.
 */
export class PieceCounter {
  private readonly counts = new Map<string, number>()
  private readonly texts = new Map<string, number>()
  private textChars = 0
  private readonly splitter: RegExp
  private readonly wholePiece: RegExp
  private readonly special: RegExp | undefined
  private readonly separator: readonly [string, number] | undefined

  constructor(
    private readonly encoder: TiktokenEncoder,
    rules: EncodingRules,
  ) {
    // The flags js-tiktoken splits with.
    this.splitter = new RegExp(rules.pat_str, 'ug')
    this.wholePiece = new RegExp(rules.pat_str, 'uy')
    const specials = Object.entries(rules.special_tokens)
    this.separator = specials[0]
    this.special =
      specials.length === 0
        ? undefined
        : new RegExp(specials.map(([token]) => escapeRegex(token)).join('|'), 'u')
  }

  count(text: string): number {
    const cached = this.texts.get(text)
    if (cached !== undefined) return cached
    const counted = this.countPiecesOf(text)
    this.keepText(text, counted)
    return counted
  }

  private countPiecesOf(text: string): number {
    if (this.special === undefined || this.special.test(text))
      return this.encoder.encode(text).length
    const splitter = this.splitter
    let total = 0
    let missing: string[] | undefined
    splitter.lastIndex = 0
    for (let match = splitter.exec(text); match !== null; match = splitter.exec(text)) {
      const piece = match[0]
      if (piece === '') return this.encoder.encode(text).length
      const known = this.counts.get(piece)
      if (known !== undefined) total += known
      else (missing ??= []).push(piece)
    }
    if (missing === undefined) return total
    const counted = this.countPieces(missing)
    return counted === undefined ? this.encoder.encode(text).length : total + counted
  }

  /** The tokens of `pieces` (repeats included), keeping each one's count; undefined when unsure. */
  private countPieces(pieces: readonly string[]): number | undefined {
    const separator = this.separator
    if (separator === undefined) return undefined
    const distinct = [...new Set(pieces)]
    if (!distinct.every((piece) => this.isWholePiece(piece))) return undefined
    const tokens = this.encoder.encode(distinct.join(separator[0]), [separator[0]], [])
    const counts = new Map<string, number>()
    let piece = 0
    let inPiece = 0
    for (const token of tokens) {
      if (token !== separator[1]) inPiece += 1
      else {
        counts.set(distinct[piece] as string, inPiece)
        piece += 1
        inPiece = 0
      }
    }
    if (piece !== distinct.length - 1) return undefined
    counts.set(distinct[piece] as string, inPiece)
    let total = 0
    for (const each of pieces) total += counts.get(each) as number
    for (const [each, count] of counts) this.keep(each, count)
    return total
  }

  // A piece is counted on its own only when splitting it alone gives it back whole.
  private isWholePiece(piece: string): boolean {
    this.wholePiece.lastIndex = 0
    return this.wholePiece.exec(piece)?.[0].length === piece.length
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
    // A copy: the text may be a slice that keeps a far larger string alive.
    this.texts.set(Buffer.from(text, 'utf16le').toString('utf16le'), count)
    this.textChars += text.length
  }

  private keep(piece: string, count: number): void {
    if (piece.length > MAX_CACHED_PIECE_CHARS) return
    if (this.counts.size >= MAX_CACHED_PIECES) {
      const oldest = this.counts.keys().next()
      if (oldest.done !== true) this.counts.delete(oldest.value)
    }
    this.counts.set(piece, count)
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$*+?.()|[\]{}]/g, '\\$&')
}
