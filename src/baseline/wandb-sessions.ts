import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GraphqlClient } from '../wandb/graphql-client.js'
import { Deadline } from '../wandb/http/deadline.js'
import type { RunPath } from '../wandb/file-stream.js'
import { viewerEntity } from '../wandb/run-api.js'
import { downloadRunFile } from '../wandb/runs/download-run-file.js'
import { newestRunOnBranch } from '../wandb/runs/newest-run.js'
import type { WandbSettings } from '../wandb/settings.js'
import type { RemoteSessions, RemoteSpec } from '../compare/remote-spec.js'
import type { Result } from '../compare/result.js'
import { SESSION_RUN_FILE } from '../session/session-file.js'

const WHY_MISSING =
  'it was logged by a vitest-wandb older than the diff command, or without W&B logging'

/** What finding a session in W&B needs: where to look, with which key, and how long to wait. */
export type SessionsTarget = Pick<
  WandbSettings,
  'apiKey' | 'baseUrl' | 'entity' | 'project' | 'timeoutMs'
>

/** Sessions kept by W&B, downloaded into a fresh temporary folder; every failure as a value. */
export function wandbSessions(target: SessionsTarget): RemoteSessions & {
  /** The run a spec names, once found: what a comparison's baseline is called. */
  resolve(spec: RemoteSpec): Promise<Result<RunPath>>
} {
  const resolve = async (spec: RemoteSpec): Promise<Result<RunPath>> => {
    if (target.apiKey === undefined)
      return { ok: false, reason: 'no W&B API key: set WANDB_API_KEY or run `wandb login`' }
    if (spec.kind === 'run') return { ok: true, value: spec }
    const client = new GraphqlClient(target.baseUrl, target.apiKey)
    const deadline = new Deadline(target.timeoutMs)
    const entity = target.entity
      ? { ok: true as const, value: target.entity }
      : await viewerEntity(client, deadline)
    if (!entity.ok) return entity
    const where = { entity: entity.value, project: target.project, branch: spec.branch }
    const found = await newestRunOnBranch(client, where, deadline)
    if (!found.ok) return found
    if (found.value === undefined) {
      return {
        ok: false,
        reason: `W&B has no finished run of ${where.entity}/${where.project} on the branch ${spec.branch}`,
      }
    }
    return { ok: true, value: found.value }
  }
  // A session downloaded once serves every reader of it (a comparison and a report).
  const fetched = new Map<string, Promise<Result<string>>>()
  const download = async (spec: RemoteSpec): Promise<Result<string>> => {
    const run = await resolve(spec)
    if (!run.ok || target.apiKey === undefined) return run as Result<never>
    const client = new GraphqlClient(target.baseUrl, target.apiKey)
    const path = join(mkdtempSync(join(tmpdir(), 'vitest-wandb-baseline-')), 'session.jsonl')
    const downloaded = await downloadRunFile(client, run.value, SESSION_RUN_FILE, path, {
      timeoutMs: target.timeoutMs,
      whyMissing: WHY_MISSING,
    })
    return downloaded.ok ? { ok: true, value: path } : downloaded
  }
  return {
    resolve,
    fetch(spec) {
      const key = JSON.stringify(spec)
      const known = fetched.get(key) ?? download(spec)
      fetched.set(key, known)
      return known
    },
  }
}
