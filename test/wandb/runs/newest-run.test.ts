import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { GraphqlClient } from '../../../src/wandb/graphql-client.js'
import { Deadline } from '../../../src/wandb/http/deadline.js'
import { finishedOnBranch, newestRunOnBranch } from '../../../src/wandb/runs/newest-run.js'
import { useMswFakeWandb } from '../../support/fake-wandb/use-fake-wandb.js'
import { fakeClient, seedRun } from './support/seed-run.js'

const fake = useMswFakeWandb()

afterEach(() => {
  expect(fake().invalidDocuments).toEqual([])
  expect(fake().keyLeaks).toEqual([])
})

beforeAll(async () => {
  const seeds = [
    { project: 'evals', runId: 'main-old', branch: 'main', exitCode: 0 },
    { project: 'evals', runId: 'feature', branch: 'feature', exitCode: 0 },
    { project: 'evals', runId: 'main-new', branch: 'main', exitCode: 0 },
    { project: 'evals', runId: 'main-failed', branch: 'main', exitCode: 1 },
    { project: 'evals', runId: 'main-running', branch: 'main' },
    { project: 'other', runId: 'other-main', branch: 'main', exitCode: 0 },
  ]
  for (const seed of seeds) await seedRun(fake(), seed)
})

const onBranch = (branch: string, project = 'evals') => ({
  entity: fake().entity,
  project,
  branch,
})

describe('newestRunOnBranch', () => {
  it('finds the newest finished run on the branch, past newer failed, running and other-branch runs and other projects', async () => {
    const found = await newestRunOnBranch(fakeClient(fake()), onBranch('main'), new Deadline(5_000))
    expect(found).toEqual({
      ok: true,
      value: { entity: fake().entity, project: 'evals', runId: 'main-new' },
    })
    const feature = await newestRunOnBranch(
      fakeClient(fake()),
      onBranch('feature'),
      new Deadline(5_000),
    )
    expect(feature.ok && feature.value?.runId).toBe('feature')
  })

  it("builds W&B's filter for the finished runs on a branch", () => {
    expect(JSON.parse(finishedOnBranch('main'))).toEqual({
      $and: [{ 'config.git_branch.value': 'main' }, { state: 'finished' }],
    })
  })

  it('answers undefined when no finished run is on the branch, or the project does not exist', async () => {
    const client = fakeClient(fake())
    const none = await newestRunOnBranch(client, onBranch('release'), new Deadline(5_000))
    expect(none).toEqual({ ok: true, value: undefined })
    const noProject = await newestRunOnBranch(
      client,
      onBranch('main', 'no-such-project'),
      new Deadline(5_000),
    )
    expect(noProject).toEqual({ ok: true, value: undefined })
  })

  it('says the key was rejected when W&B answers 401', async () => {
    const client = fakeClient(fake(), 'f'.repeat(40))
    const found = await newestRunOnBranch(client, onBranch('main'), new Deadline(5_000))
    expect(found).toEqual({
      ok: false,
      reason: 'W&B rejected the API key (HTTP 401)',
      status: 401,
    })
  })

  it('gives up at the deadline when W&B does not answer', async () => {
    fake().failures.hang({ operation: 'FilteredRuns' })
    const started = Date.now()
    const found = await newestRunOnBranch(fakeClient(fake()), onBranch('main'), new Deadline(300))
    expect(found.ok).toBe(false)
    expect(!found.ok && found.reason).toMatch(/timed out after \d+ ms/)
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('refuses a run W&B answers that does not pass the filter, rather than take it as the baseline', async () => {
    const node = { name: 'r1', state: 'running', config: '{"git_branch": {"value": "main"}}' }
    const unfiltered = {
      request: async () => ({ ok: true, value: { project: { runs: { edges: [{ node }] } } } }),
    } as unknown as GraphqlClient
    const found = await newestRunOnBranch(unfiltered, onBranch('main'), new Deadline(5_000))
    expect(!found.ok && found.reason).toBe(
      `W&B answered ${fake().entity}/evals/r1 as the newest finished run on the branch main, but its state is running: it did not filter the runs as asked`,
    )
  })
})
