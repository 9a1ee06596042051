import { existsSync } from 'node:fs'
import { basename, join, sep } from 'node:path'

/**
 * Where a file a log names inside its run folder is now. An online run's records name the folder
 * it becomes if it falls back to an offline run (`run-…` becomes `offline-run-…`), and a folder
 * may be moved to another machine to sync: a path that does not exist is looked for at the same
 * place in `dir`.
 */
export function inRunFolder(dir: string): (recorded: string) => string {
  const online = basename(dir).replace(/^offline-/, '')
  const markers = [online, `offline-${online}`].map((folder) => `${sep}${folder}${sep}`)
  return (recorded) => {
    if (existsSync(recorded)) return recorded
    for (const marker of markers) {
      const at = recorded.lastIndexOf(marker)
      if (at >= 0) return join(dir, recorded.slice(at + marker.length))
    }
    return recorded
  }
}
