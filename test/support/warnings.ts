import { afterEach, beforeEach } from 'vitest'
import { onWarning } from '../../src/warnings.js'

/** Collects warning lines for each test of the calling file instead of printing them. */
export function captureWarnings(): string[] {
  const lines: string[] = []
  let restore: (() => void) | undefined
  beforeEach(() => {
    lines.length = 0
    restore = onWarning((line) => lines.push(line))
  })
  afterEach(() => {
    restore?.()
  })
  return lines
}
