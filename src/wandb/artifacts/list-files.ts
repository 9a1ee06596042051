import type { Dirent } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { comparePaths } from './manifest.js'

/** A file found in a folder: its POSIX path inside it and where it is on disk. */
export interface ListedFile {
  readonly path: string
  readonly localPath: string
}

/**
 * Every file under `dir` (following links to files), in W&B's path order. Throws a sentence naming
 * the folder when it is missing, not a folder, unreadable or empty.
 */
export async function listFiles(dir: string): Promise<ListedFile[]> {
  let entries: Dirent[]
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true })
  } catch (error) {
    throw new Error(folderProblem(dir, error))
  }
  const files: ListedFile[] = []
  for (const entry of entries) {
    const localPath = join(entry.parentPath, entry.name)
    if (entry.isFile() || (entry.isSymbolicLink() && (await isFile(localPath)))) {
      files.push({ path: relative(dir, localPath).split(sep).join('/'), localPath })
    }
  }
  if (files.length === 0) throw new Error(`the folder ${dir} holds no files`)
  return files.sort((a, b) => comparePaths(a.path, b.path))
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}

function folderProblem(dir: string, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  if (code === 'ENOENT') return `the folder ${dir} does not exist`
  if (code === 'ENOTDIR') return `${dir} is not a folder`
  return `the folder ${dir} cannot be read (${typeof code === 'string' ? code : String(error)})`
}
