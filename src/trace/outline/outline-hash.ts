import { createHash } from 'node:crypto'

/** A short name for an outline's structure: equal outlines, equal hashes (12 hex digits of SHA-256). */
export function outlineHash(outline: string): string {
  return createHash('sha256').update(outline).digest('hex').slice(0, 12)
}
