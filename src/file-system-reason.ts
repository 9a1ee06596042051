import { describeError } from './warnings.js'

const REASONS: Readonly<Record<string, string>> = {
  ENOTDIR: 'part of the path is a file, not a folder',
  EEXIST: 'a file is in the way',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  ENAMETOOLONG: 'a name in the path is too long',
}

/** A file-system error in a few words, with its code (`ENOTDIR: part of the path is a file, …`). */
export function fileSystemReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  const reason = typeof code === 'string' ? REASONS[code] : undefined
  return reason === undefined ? describeError(error) : `${String(code)}: ${reason}`
}
