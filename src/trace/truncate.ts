/** Cuts `text` to `maxChars`, saying how much was cut, without splitting a surrogate pair. */
export function truncateText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text
  let end = maxChars
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end -= 1
  return `${text.slice(0, end)}… [truncated ${text.length - end} of ${text.length} chars]`
}
