/** One line of a diff: kept (` `), only in base (`-`) or only in head (`+`). */
export interface LineEdit {
  readonly op: ' ' | '-' | '+'
  readonly line: string
}

/**
 * The edits that turn `base` into `head` while keeping a longest common subsequence of lines,
 * removals before additions where lines were replaced. Time and memory grow with the product of
 * the lengths left once the common start and end are set aside: callers bound the inputs.
 */
export function diffLines(base: readonly string[], head: readonly string[]): LineEdit[] {
  let start = 0
  while (start < base.length && start < head.length && base[start] === head[start]) start += 1
  let baseEnd = base.length
  let headEnd = head.length
  while (baseEnd > start && headEnd > start && base[baseEnd - 1] === head[headEnd - 1]) {
    baseEnd -= 1
    headEnd -= 1
  }
  const kept = (lines: readonly string[]): LineEdit[] => lines.map((line) => ({ op: ' ', line }))
  return [
    ...kept(base.slice(0, start)),
    ...middleEdits(base.slice(start, baseEnd), head.slice(start, headEnd)),
    ...kept(base.slice(baseEnd)),
  ]
}

function middleEdits(base: readonly string[], head: readonly string[]): LineEdit[] {
  const width = head.length + 1
  // common[i * width + j]: the longest common subsequence of base[i..] and head[j..].
  const common = new Uint32Array((base.length + 1) * width)
  for (let i = base.length - 1; i >= 0; i -= 1) {
    for (let j = head.length - 1; j >= 0; j -= 1) {
      common[i * width + j] =
        base[i] === head[j]
          ? (common[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(common[(i + 1) * width + j] ?? 0, common[i * width + j + 1] ?? 0)
    }
  }
  const edits: LineEdit[] = []
  let i = 0
  let j = 0
  while (i < base.length || j < head.length) {
    if (i < base.length && j < head.length && base[i] === head[j]) {
      edits.push({ op: ' ', line: base[i++] as string })
      j += 1
    } else if (
      j >= head.length ||
      (i < base.length && (common[(i + 1) * width + j] ?? 0) >= (common[i * width + j + 1] ?? 0))
    ) {
      edits.push({ op: '-', line: base[i++] as string })
    } else {
      edits.push({ op: '+', line: head[j++] as string })
    }
  }
  return edits
}
