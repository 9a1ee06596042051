import type { Result } from './result.js'

/** A session kept by W&B: one run's, or the newest finished run of a git branch. */
export type RemoteSpec =
  | {
      readonly kind: 'run'
      readonly entity: string
      readonly project: string
      readonly runId: string
    }
  | { readonly kind: 'branch'; readonly branch: string }

/** Where sessions kept by W&B come from: `fetch` downloads one and gives its local path. */
export interface RemoteSessions {
  fetch(spec: RemoteSpec): Promise<Result<string>>
}

const SEGMENT = /^[\w-][\w.-]*$/
const BRANCH_PREFIX = 'branch:'

/**
 * Reads `entity/project/runId`, a run URL (`https://<host>/<entity>/<project>/runs/<id>`) or
 * `branch:<name>`; undefined for anything else. A session file's name is never a run id.
 */
export function parseRemoteSpec(text: string): RemoteSpec | undefined {
  if (text.startsWith(BRANCH_PREFIX)) {
    const branch = text.slice(BRANCH_PREFIX.length)
    return branch.trim() === '' ? undefined : { kind: 'branch', branch }
  }
  if (/^https?:\/\//i.test(text)) return runUrl(text)
  return runPath(text.split('/'))
}

function runUrl(text: string): RemoteSpec | undefined {
  let path: string[]
  try {
    path = new URL(text).pathname
      .split('/')
      .filter((part) => part !== '')
      .map(decodeURIComponent)
  } catch {
    return undefined
  }
  const [entity, project, runs, runId] = path
  if (runs !== 'runs' || entity === undefined || project === undefined || runId === undefined)
    return undefined
  return runPath([entity, project, runId])
}

function runPath(parts: readonly string[]): RemoteSpec | undefined {
  const [entity, project, runId] = parts
  if (parts.length !== 3 || entity === undefined || project === undefined || runId === undefined)
    return undefined
  if (!parts.every((part) => SEGMENT.test(part)) || runId.endsWith('.jsonl')) return undefined
  return { kind: 'run', entity, project, runId }
}

/** How a spec reads in messages: `entity/project/runId` or `branch:<name>`. */
export function remoteSpecLabel(spec: RemoteSpec): string {
  return spec.kind === 'run'
    ? `${spec.entity}/${spec.project}/${spec.runId}`
    : `branch:${spec.branch}`
}
