import type { RunPath } from '../../../../src/wandb/file-stream.js'
import type { ApiResult } from '../../../../src/wandb/graphql-client.js'
import type { Deadline } from '../../../../src/wandb/http/deadline.js'
import type { RunTransport } from '../../../../src/wandb/sender/run-transport.js'

/** One call the sender made, in the order it made them. */
export type TransportCall =
  | { kind: 'create'; runId: string | undefined }
  | { kind: 'history'; offset: number; lines: readonly string[]; budgetMs: number }
  | { kind: 'file'; name: string; bytes: string }
  | { kind: 'artifact'; name: string | undefined }
  | { kind: 'summary'; json: string }
  | { kind: 'complete'; exitCode: number }

const DONE: ApiResult<void> = { ok: true, value: undefined }

/** Answers each call as `answer` says (success by default), recording every call first. */
export function stubTransport(
  answer: (call: TransportCall, deadline: Deadline | undefined) => Promise<ApiResult<void>> = () =>
    Promise.resolve(DONE),
): { transport: RunTransport; calls: TransportCall[]; run: RunPath } {
  const calls: TransportCall[] = []
  const run: RunPath = { entity: 'stub-entity', project: 'stub-project', runId: 'stub-run' }
  const take = (call: TransportCall, deadline?: Deadline) => {
    calls.push(call)
    return answer(call, deadline)
  }
  const transport: RunTransport = {
    createRun: async (record, deadline) => {
      const created = await take({ kind: 'create', runId: record.runId }, deadline)
      return created.ok
        ? { ok: true, value: { ...run, runId: record.runId ?? run.runId } }
        : created
    },
    sendHistory: (_run, lines, offset, deadline) =>
      take({ kind: 'history', offset, lines, budgetMs: deadline.remainingMs() }, deadline),
    uploadFile: (_run, name, bytes, deadline) =>
      take({ kind: 'file', name, bytes: Buffer.from(bytes).toString() }, deadline),
    uploadArtifact: async (_run, record) => {
      const sent = await take({ kind: 'artifact', name: record.name })
      if (!sent.ok) return sent
      const value = {
        id: 'artifact-id',
        state: 'committed' as const,
        versionIndex: 0,
        uploadedFiles: 0,
        uploadedBytes: 0,
      }
      return { ok: true, value }
    },
    sendSummary: (_run, json, deadline) => take({ kind: 'summary', json }, deadline),
    complete: (_run, exitCode, deadline) => take({ kind: 'complete', exitCode }, deadline),
  }
  return { transport, calls, run }
}
