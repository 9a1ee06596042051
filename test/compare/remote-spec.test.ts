import { describe, expect, it } from 'vitest'
import { parseRemoteSpec, remoteSpecLabel } from '../../src/compare/remote-spec.js'

describe('parseRemoteSpec', () => {
  it('reads entity/project/runId', () => {
    expect(parseRemoteSpec('team/rag-evals/abc123xy')).toEqual({
      kind: 'run',
      entity: 'team',
      project: 'rag-evals',
      runId: 'abc123xy',
    })
    expect(parseRemoteSpec('my_team/rag.evals/run-1')).toMatchObject({ project: 'rag.evals' })
  })

  it('reads run URLs of wandb.ai and of other hosts, with or without a tab, query or hash', () => {
    const run = { kind: 'run', entity: 'team', project: 'rag-evals', runId: 'abc123xy' }
    for (const url of [
      'https://wandb.ai/team/rag-evals/runs/abc123xy',
      'https://wandb.ai/team/rag-evals/runs/abc123xy/overview?nw=nwuser#logs',
      'https://wandb.example.com/team/rag-evals/runs/abc123xy',
      'http://localhost:8080/team/rag-evals/runs/abc123xy/',
      'HTTPS://WANDB.AI/team/rag-evals/runs/abc123xy',
    ])
      expect(parseRemoteSpec(url), url).toEqual(run)
  })

  it('reads branch:<name>', () => {
    expect(parseRemoteSpec('branch:main')).toEqual({ kind: 'branch', branch: 'main' })
    expect(parseRemoteSpec('branch:feature/new-retriever')).toEqual({
      kind: 'branch',
      branch: 'feature/new-retriever',
    })
  })

  it('reads nothing else as a W&B source', () => {
    for (const text of [
      '',
      'branch:',
      'branch: ',
      'session.jsonl',
      'team/project',
      'a/b/c/d',
      '/abs/path/x',
      './a/b',
      'a//b',
      '.vitest-wandb/x/session-1.jsonl',
      'a/b/session-20260101-120000-ab.jsonl',
      'https://wandb.ai/team/rag-evals',
      'https://wandb.ai/team/rag-evals/artifacts/abc',
      'https://wandb.ai/team/rag-evals/runs/%E0%A4%A',
      'ftp://wandb.ai/team/rag-evals/runs/abc',
    ])
      expect(parseRemoteSpec(text), text).toBeUndefined()
  })

  it('labels a spec as the user would type it', () => {
    expect(remoteSpecLabel({ kind: 'run', entity: 'e', project: 'p', runId: 'r' })).toBe('e/p/r')
    expect(remoteSpecLabel({ kind: 'branch', branch: 'main' })).toBe('branch:main')
  })
})
