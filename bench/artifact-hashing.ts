import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { prepareArtifact } from '../src/indexes/prepare-artifact.js'
import { manifestBytes } from '../src/wandb/artifacts/manifest.js'
import { median } from './measure.js'

export interface HashingResult {
  readonly bytes: number
  readonly files: number
  readonly nodeMs: readonly number[]
  readonly oursMs: readonly number[]
}

/** Node's own md5 of every file, each read whole: the bar to measure against. */
function nodeMd5(paths: readonly string[]): number {
  let bytes = 0
  for (const path of paths) {
    const contents = readFileSync(path)
    createHash('md5').update(contents).digest('base64')
    bytes += contents.length
  }
  return bytes
}

/** What `persistIndex` does before any upload: list, hash each file once, manifest and digest. */
async function prepare(dir: string): Promise<number> {
  const prepared = await prepareArtifact(dir)
  manifestBytes(prepared.files)
  return prepared.bytes
}

/** Alternating rounds of both, after warm-up rounds that also bring the files into the page cache. */
export async function measureHashing(
  dir: string,
  paths: readonly string[],
  warmupRounds: number,
  rounds: number,
): Promise<HashingResult> {
  const nodeMs: number[] = []
  const oursMs: number[] = []
  let bytes = 0
  for (let round = 0; round < warmupRounds + rounds; round += 1) {
    const order = round % 2 === 0 ? ['node', 'ours'] : ['ours', 'node']
    for (const which of order) {
      const startedAt = performance.now()
      bytes = which === 'node' ? nodeMd5(paths) : await prepare(dir)
      const elapsedMs = performance.now() - startedAt
      if (round >= warmupRounds) (which === 'node' ? nodeMs : oursMs).push(elapsedMs)
    }
  }
  return { bytes, files: paths.length, nodeMs, oursMs }
}

export function throughputMBs(bytes: number, samplesMs: readonly number[]): number {
  return bytes / (1024 * 1024) / (median(samplesMs) / 1000)
}
