import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Every file under `dir`, by its POSIX path relative to `dir`. */
export function bytesUnder(dir: string): Record<string, Buffer> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) =>
    entry.isFile(),
  )
  return Object.fromEntries(
    files.map((entry) => {
      const path = join(entry.parentPath, entry.name)
      return [
        path
          .slice(dir.length + 1)
          .split('\\')
          .join('/'),
        readFileSync(path),
      ]
    }),
  )
}
