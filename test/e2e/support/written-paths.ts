import { readdirSync } from 'node:fs'
import { dirname, join, sep } from 'node:path'

/** Every file and folder under `dir`, relative and `/`-separated; Vite's cache in node_modules left out. */
export function pathsUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((path) => path.split(sep).join('/'))
    .filter((path) => path !== 'node_modules' && !path.startsWith('node_modules/'))
    .sort()
}

/**
 * What a run wrote outside the folders it may write to (`allowed`, e.g. `wandb`), given the paths
 * that were there before it; and anything named `name` next to the project, where an id such as
 * `../../escape` would have led.
 */
export function writtenOutside(
  dir: string,
  before: readonly string[],
  allowed: readonly string[],
  name = 'escape',
): string[] {
  const inside = (path: string): boolean =>
    allowed.some((folder) => path === folder || path.startsWith(`${folder}/`))
  const written = pathsUnder(dir).filter((path) => !before.includes(path) && !inside(path))
  const beside = readdirSync(dirname(dir)).filter((entry) => entry === name)
  return [...written, ...beside.map((entry) => join('..', entry))]
}
