import { hostname } from 'node:os'
import { GraphqlClient } from '../../../../src/wandb/graphql-client.js'
import { Deadline } from '../../../../src/wandb/http/deadline.js'
import type { RetryPolicy } from '../../../../src/wandb/http/send-with-retries.js'
import { upsertRun } from '../../../../src/wandb/run-api.js'
import type { UploadTarget } from '../../../../src/wandb/artifacts/artifact-to-upload.js'
import type { FakeWandb } from '../../../support/fake-wandb/index.js'

/** Retries as the real policy makes them, with waits short enough for a test. */
export const FAST_RETRIES: RetryPolicy = {
  requestTimeoutMs: 5_000,
  maxAttempts: 4,
  initialBackoffMs: 5,
  maxBackoffMs: 20,
  unreachableBudgetMs: 100,
}

/** Creates a run on the fake and returns what an upload to it needs. */
export async function fakeRunTarget(
  fake: FakeWandb,
  project: string,
  runId: string,
): Promise<UploadTarget> {
  const client = new GraphqlClient(fake.mswBaseUrl, fake.apiKey, FAST_RETRIES)
  const created = await upsertRun(
    client,
    {
      runId,
      project,
      entity: fake.entity,
      host: hostname(),
    },
    new Deadline(5_000),
  )
  if (!created.ok) throw new Error(created.reason)
  return { client, run: { entity: fake.entity, project, runId } }
}

/** The storage PUTs the fake has seen so far. */
export function storagePuts(fake: FakeWandb): number {
  return fake.requests.filter((request) => request.method === 'PUT' && request.route === 'upload')
    .length
}
