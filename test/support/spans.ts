import type { Span } from '../../src/trace/span.js'

/** Every span of a tree, in pre-order. */
export function allSpans(root: Span): Span[] {
  return [root, ...(root.child_spans ?? []).flatMap(allSpans)]
}

export function spanNamed(root: Span, name: string): Span {
  const found = allSpans(root).find((span) => span.name === name)
  if (found === undefined) throw new Error(`no span named ${name}`)
  return found
}

export function childNames(span: Span): (string | null)[] {
  return (span.child_spans ?? []).map((child) => child.name)
}

export function outputsOf(span: Span): Record<string, unknown> | null {
  return span.results?.[0]?.outputs ?? null
}

export function inputsOf(span: Span): Record<string, unknown> | null {
  return span.results?.[0]?.inputs ?? null
}
