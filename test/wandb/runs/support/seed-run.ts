import { hostname } from 'node:os'
import type { RunPath } from '../../../../src/wandb/file-stream.js'
import { FileStream } from '../../../../src/wandb/file-stream.js'
import { GraphqlClient } from '../../../../src/wandb/graphql-client.js'
import { Deadline } from '../../../../src/wandb/http/deadline.js'
import { upsertRun } from '../../../../src/wandb/run-api.js'
import { uploadRunFile } from '../../../../src/wandb/run-files.js'
import type { FakeWandb } from '../../../support/fake-wandb/index.js'
import { FAST_RETRIES } from '../../artifacts/support/fake-target.js'

export interface SeededRun {
  readonly project: string
  readonly runId: string
  readonly branch: string
  /** The exit code its end is sent with; none leaves it running. */
  readonly exitCode?: number
  readonly files?: Readonly<Record<string, Uint8Array | string>>
}

/** A client of the fake with the right key and quick retries. */
export function fakeClient(fake: FakeWandb, apiKey = fake.apiKey): GraphqlClient {
  return new GraphqlClient(fake.mswBaseUrl, apiKey, FAST_RETRIES)
}

/**
 * Logs a run on the fake as a session does, through the client: created with its branch in the
 * config, its files uploaded, and ended with `exitCode` when given.
 */
export async function seedRun(fake: FakeWandb, seeded: SeededRun): Promise<RunPath> {
  const client = fakeClient(fake)
  const run = { entity: fake.entity, project: seeded.project, runId: seeded.runId }
  const deadline = new Deadline(10_000)
  const config = { git_branch: { value: seeded.branch } }
  expectOk(await upsertRun(client, { ...run, config, host: hostname() }, deadline))
  for (const [name, bytes] of Object.entries(seeded.files ?? {})) {
    const body = typeof bytes === 'string' ? Buffer.from(bytes) : bytes
    expectOk(await uploadRunFile(client, run, name, body, deadline))
  }
  if (seeded.exitCode !== undefined) {
    const stream = new FileStream(fake.mswBaseUrl, fake.apiKey, run, FAST_RETRIES)
    expectOk(await stream.complete(seeded.exitCode, deadline))
  }
  return run
}

function expectOk(result: { ok: boolean; reason?: string }): void {
  if (!result.ok) throw new Error(`seeding the fake W&B failed: ${result.reason}`)
}
