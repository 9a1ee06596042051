/** A token's bytes, as decimal numbers joined by commas, to its rank: js-tiktoken's decoded ranks. */
export type RankMap = ReadonlyMap<string, number>

/**
 * The ranks `encoder` decoded when it was built, when it shows them in the form decoded here
 * (js-tiktoken's `Tiktoken` keeps them as `rankMap`); otherwise decoded from `bpeRanks`, the
 * compressed text of a js-tiktoken ranks file, as js-tiktoken decodes it.
 */
export function rankMapOf(encoder: object, bpeRanks: string): RankMap {
  const kept = (encoder as { readonly rankMap?: unknown }).rankMap
  return kept instanceof Map && holdsFirstToken(kept, bpeRanks) ? kept : decodeRanks(bpeRanks)
}

// Its key format is not part of js-tiktoken's API: check it on the first token before trusting it.
function holdsFirstToken(ranks: ReadonlyMap<unknown, unknown>, bpeRanks: string): boolean {
  const [, offset, token] = bpeRanks.split(/[ \n]/, 3)
  if (token === undefined) return false
  return ranks.get(Buffer.from(token, 'base64').join(',')) === Number.parseInt(offset ?? '', 10)
}

function decodeRanks(bpeRanks: string): Map<string, number> {
  const ranks = new Map<string, number>()
  for (const line of bpeRanks.split('\n')) {
    for (const [bytes, rank] of decodeLine(line)) ranks.set(bytes, rank)
  }
  return ranks
}

/** One line of a ranks file: a name, the first rank, then base64 tokens of consecutive ranks. */
function decodeLine(line: string): [string, number][] {
  const [, offset, ...tokens] = line.split(' ')
  const first = Number.parseInt(offset ?? '', 10)
  return tokens.map((token, index) => [Buffer.from(token, 'base64').join(','), first + index])
}
