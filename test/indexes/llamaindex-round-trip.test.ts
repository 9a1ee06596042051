import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Document, Settings, storageContextFromDefaults, VectorStoreIndex } from 'llamaindex'
import type { StorageContext } from 'llamaindex'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { WandbCallbackHandler } from '../../src/handler.js'
import type { RunSource } from '../../src/sinks/run-source.js'
import type { TraceTree } from '../../src/trace/span.js'
import type { TraceSink } from '../../src/trace/trace-sink.js'
import { WandbRun } from '../../src/wandb/wandb-run.js'
import { tempFolder } from '../wandb/artifacts/support/temp-folders.js'
import { useArtifactFakeWandb } from '../wandb/artifacts/support/use-artifact-fake-wandb.js'
import { WordEmbedding } from '../wandb/artifacts/support/word-embedding.js'
import { fakeRunSettings, runOptions } from '../wandb/run-fixtures.js'

const DOCUMENTS = [
  new Document({ id_: 'refunds', text: 'Refunds are paid within thirty days of a return.' }),
  new Document({ id_: 'shipping', text: 'Shipping takes five business days for every parcel.' }),
  new Document({ id_: 'warranty', text: 'The warranty covers broken screens for two years.' }),
]

const fake = useArtifactFakeWandb()

beforeAll(async () => {
  Settings.embedModel = new WordEmbedding()
})
afterEach(() => {
  vi.unstubAllEnvs()
})

/** A sink that lends the handler its W&B run, as the standalone handler's run sink does. */
class RunSink implements TraceSink, RunSource {
  constructor(readonly run: WandbRun) {}
  currentRun(): WandbRun {
    return this.run
  }
  export(_trace: TraceTree): void {}
  async shutdown(): Promise<void> {}
}

function onlineRun(): WandbRun {
  return new WandbRun(
    runOptions(fakeRunSettings(fake().mswBaseUrl, fake().apiKey, { project: 'rag' })),
  )
}

async function topNode(index: VectorStoreIndex, question: string) {
  const [top] = await index.asRetriever({ similarityTopK: 1 }).retrieve({ query: question })
  return {
    id: top?.node.id_,
    text: (top?.node as { text?: string } | undefined)?.text,
    score: top?.score,
  }
}

describe('a LlamaIndex.TS index as a W&B artifact', () => {
  it('persists an in-memory VectorStoreIndex, loads it back from W&B, and retrieves the same top node', async () => {
    vi.stubEnv('VITEST_WANDB_CACHE_DIR', tempFolder('producer-cache'))
    const index = await VectorStoreIndex.fromDocuments(DOCUMENTS)
    const before = await topNode(index, 'how many days until refunds are paid')
    expect(before.text).toContain('Refunds')

    const producer = onlineRun()
    const writer = new WandbCallbackHandler({ sinks: [new RunSink(producer)] })
    const persisted = await writer.persistIndex(index, 'handbook-index')
    expect(persisted.files.map((file) => file.path)).toEqual([
      'doc_store.json',
      'index_store.json',
      'vector_store.json',
    ])
    expect(persisted.metadata).toEqual({ root_id: index.indexStruct.indexId })
    expect((await producer.finish({}, 0)).kind).toBe('online')
    expect(fake().artifact('handbook-index:latest', 'rag')).toMatchObject({
      digest: persisted.digest,
      state: 'COMMITTED',
    })

    vi.stubEnv('VITEST_WANDB_CACHE_DIR', tempFolder('consumer-cache'))
    vi.stubEnv('WANDB_API_KEY', fake().apiKey)
    vi.stubEnv('WANDB_BASE_URL', fake().mswBaseUrl)
    const consumer = onlineRun()
    const reader = new WandbCallbackHandler({ sinks: [new RunSink(consumer)] })
    const loaded = await reader.loadStorageContext<StorageContext>('handbook-index:v0')
    expect(loaded.fromCache).toBe(false)
    expect(loaded.storageContext).toBeDefined()
    const restored = await VectorStoreIndex.init({
      storageContext: loaded.storageContext as StorageContext,
    })
    expect(restored.indexStruct.indexId).toBe(index.indexStruct.indexId)
    const after = await topNode(restored, 'how many days until refunds are paid')
    expect(after).toEqual(before)
    expect((await topNode(restored, 'broken screens warranty')).text).toContain('warranty')

    await consumer.finish({}, 0)
    const artifactId = fake().artifact('handbook-index:v0', 'rag').id
    expect(fake().runs.find((run) => run.usedArtifactIds.includes(artifactId))).toBeDefined()
    expect(reader.loadedArtifacts).toEqual([loaded.artifact])
    expect(fake().errors).toEqual([])
  })

  it('writes files that storageContextFromDefaults reads back whole (the store persist() methods alone write nothing)', async () => {
    const index = await VectorStoreIndex.fromDocuments(DOCUMENTS)
    const persistDir = join(tempFolder('explicit'), 'storage')
    const handler = new WandbCallbackHandler()
    vi.stubEnv('VITEST_WANDB_CACHE_DIR', tempFolder('cache'))
    await handler.persistIndex(index, 'handbook-index', persistDir)
    for (const name of ['doc_store.json', 'index_store.json', 'vector_store.json']) {
      expect(existsSync(join(persistDir, name))).toBe(true)
    }
    const context = await storageContextFromDefaults({ persistDir })
    expect(Object.keys(await context.docStore.docs()).sort()).toEqual(
      Object.keys(await index.storageContext.docStore.docs()).sort(),
    )
    expect((await context.indexStore.getIndexStructs()).map((struct) => struct.indexId)).toEqual([
      index.indexStruct.indexId,
    ])
    const restored = await VectorStoreIndex.init({ storageContext: context })
    expect(await topNode(restored, 'five business days shipping')).toEqual(
      await topNode(index, 'five business days shipping'),
    )
  })
})
