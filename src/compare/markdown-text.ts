/** Text safe inside HTML and a table cell: `<`, `>`, `&` and `|` as entities. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '&#124;')
}

export function code(text: string): string {
  return `<code>${escapeHtml(text)}</code>`
}

/** A fenced block whose fence is longer than any run of backticks inside it. */
export function fenced(language: string, lines: readonly string[]): string[] {
  const longest = Math.max(
    0,
    ...lines.flatMap((line) => line.match(/`+/g) ?? []).map((run) => run.length),
  )
  const fence = '`'.repeat(Math.max(3, longest + 1))
  return [`${fence}${language}`, ...lines, fence]
}
