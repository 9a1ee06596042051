import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ResolvedArtifact } from './artifact-types.js'

/** Resolved artifact paths on disk under `<cache>/refs`, keyed by server and path as written. */
export class ArtifactRefs {
  constructor(private readonly root: string) {}

  async get(key: string): Promise<ResolvedArtifact | undefined> {
    try {
      return JSON.parse(await readFile(this.file(key), 'utf8')) as ResolvedArtifact
    } catch {
      return undefined
    }
  }

  async set(key: string, resolved: ResolvedArtifact): Promise<void> {
    const dir = join(this.root, 'refs')
    await mkdir(dir, { recursive: true })
    const temporary = join(dir, `.${randomBytes(8).toString('hex')}`)
    await writeFile(temporary, JSON.stringify(resolved))
    await rename(temporary, this.file(key))
  }

  private file(key: string): string {
    return join(this.root, 'refs', `${createHash('sha256').update(key).digest('hex')}.json`)
  }
}
