import { isAbsolute, relative } from 'node:path'

/** A path as the user would type it from where they ran the command: relative when it is below, else absolute. */
export function displayPath(path: string): string {
  const fromHere = relative(process.cwd(), path)
  return fromHere !== '' && !fromHere.startsWith('..') && !isAbsolute(fromHere) ? fromHere : path
}
