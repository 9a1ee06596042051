const DECLARATION = /^\s*<\?xml\s[^?]*\?>/
const TAG = /<(\/?)([A-Za-z_][\w.:-]*)(?:\s+[\w.:-]+\s*=\s*"[^"<]*")*\s*(\/?)>/y
const TEXT = /[^<]*/y
const ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);)/

/**
 * Why `text` is not one well-formed XML document (an optional declaration, then a single root
 * element whose tags nest and whose text escapes `&` and `<`), or undefined when it is. Enough to
 * tell a JUnit report from one with foreign lines in it; no DTDs, comments or CDATA.
 */
export function xmlProblem(text: string): string | undefined {
  const open: string[] = []
  let roots = 0
  let at = text.match(DECLARATION)?.[0].length ?? 0
  while (at < text.length) {
    TEXT.lastIndex = at
    const between = TEXT.exec(text)?.[0] ?? ''
    if (open.length === 0 && between.trim() !== '')
      return `text outside the root: ${between.trim()}`
    if (ENTITY.test(between)) return `an unescaped & in: ${between.trim()}`
    at += between.length
    if (at === text.length) break
    TAG.lastIndex = at
    const tag = TAG.exec(text)
    if (tag === null) return `not a tag at ${text.slice(at, at + 40)}`
    const [whole, closing, name = '', selfClosing] = tag
    if (closing && open.pop() !== name) return `</${name}> does not close the element open there`
    if (!closing && open.length === 0) roots += 1
    if (!closing && !selfClosing) open.push(name)
    at += whole.length
  }
  if (open.length > 0) return `<${open.at(-1)}> is never closed`
  return roots === 1 ? undefined : `${roots} root elements`
}
