import type { NormalizedSpan } from './normalize-spans.js'

/**
 * Renders spans as an indented tree, one span a line, so a snapshot diff points at the span that
 * changed:
 *
 *     query (AGENT)
 *     ├─ retrieve (TOOL)
 *     └─ synthesize (CHAIN)
 *        └─ llm (LLM)
 */
export function renderSpanTree(roots: readonly NormalizedSpan[]): string {
  const lines: string[] = []
  for (const root of roots) renderSpan(root, '', '', lines)
  return lines.join('\n')
}

function renderSpan(
  span: NormalizedSpan,
  firstPrefix: string,
  restPrefix: string,
  lines: string[],
): void {
  lines.push(`${firstPrefix}${describeSpan(span)}`)
  span.children.forEach((child, index) => {
    const last = index === span.children.length - 1
    renderSpan(
      child,
      `${restPrefix}${last ? '└─ ' : '├─ '}`,
      `${restPrefix}${last ? '   ' : '│  '}`,
      lines,
    )
  })
}

function describeSpan(span: NormalizedSpan): string {
  const kind = span.kind === null ? '' : ` (${span.kind})`
  const attributes = Object.entries(span.attributes).map(
    ([key, value]) => `${key}=${JSON.stringify(value)}`,
  )
  const details = attributes.length === 0 ? '' : ` ${attributes.join(' ')}`
  const error = span.error === null ? '' : ` ✗ ${firstLine(span.error)}`
  return `${span.name}${kind}${details}${error}`
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? ''
}
