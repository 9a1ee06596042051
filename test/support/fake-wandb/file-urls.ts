import { randomBytes } from 'node:crypto'
import { paths } from './routes.js'

/** How the fake answers for an artifact's files; tests change it to play other servers. */
export interface FileUrlSettings {
  /** False: every file's `directUrl` is empty, so a client must compute W&B's address itself. */
  given: boolean
  /** The most files one page of `Artifact.files` holds, whatever `first` asks for. */
  maxPerPage: number
}

/**
 * Download URLs in the manner of signed storage URLs: each answer hands out fresh random paths that
 * a client cannot compute, and only those serve the bytes.
 */
export class FileUrls {
  readonly settings: FileUrlSettings = { given: true, maxPerPage: Number.POSITIVE_INFINITY }
  private readonly md5ByToken = new Map<string, string>()

  /** A download URL for the bytes with md5 `md5Hex`, or '' when the fake gives none. */
  issue(origin: string, md5Hex: string): string {
    if (!this.settings.given) return ''
    const token = randomBytes(12).toString('hex')
    this.md5ByToken.set(token, md5Hex)
    return origin + paths.signed(token)
  }

  md5Of(token: string): string | undefined {
    return this.md5ByToken.get(token)
  }
}
