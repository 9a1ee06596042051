import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** How a generated suite uses tracing. */
export type SuiteVariant =
  /** The plugin in its default mode: with no API key, the session file and an offline W&B run. */
  | 'plugin'
  /** No plugin: the same tests with a handler that does nothing. */
  | 'no-op'
  /** The plugin, each test also recording 10 scores: its retrieval metrics and four more. */
  | 'plugin-scores'

export interface SuiteShape {
  readonly files: number
  readonly testsPerFile: number
  readonly spansPerTest: number
}

const REPO = join(import.meta.dirname, '..', '..')
const WORK_ROOT = join(REPO, '.bench-work')

/**
 * Puts the built package in `.bench-work/node_modules`, as an install would: Vitest then loads it
 * once per worker like any dependency, instead of transforming it again for every test file.
 */
export function installPackage(): void {
  const target = join(WORK_ROOT, 'node_modules', 'vitest-wandb')
  rmSync(target, { recursive: true, force: true })
  mkdirSync(target, { recursive: true })
  cpSync(join(REPO, 'dist'), join(target, 'dist'), { recursive: true })
  cpSync(join(REPO, 'package.json'), join(target, 'package.json'))
}

/** Writes a suite project inside the repository (so `vitest-wandb` resolves to the built package). */
export function writeSuite(variant: SuiteVariant, shape: SuiteShape): string {
  const dir = join(
    WORK_ROOT,
    `${variant}-${shape.files * shape.testsPerFile}x${shape.spansPerTest}`,
  )
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  // A package.json of its own, so imports of vitest-wandb resolve to the installed copy.
  writeFileSync(join(dir, 'package.json'), '{ "private": true, "type": "module" }\n')
  writeFileSync(join(dir, 'vitest.config.ts'), configFor(variant))
  writeFileSync(join(dir, 'fixture.ts'), fixtureFor(variant))
  writeFileSync(join(dir, 'emit.ts'), emitModule(shape.spansPerTest))
  for (let file = 0; file < shape.files; file += 1) {
    writeFileSync(
      join(dir, `suite-${file}.test.ts`),
      variant === 'plugin-scores'
        ? scoringTestFile(shape.testsPerFile)
        : testFile(shape.testsPerFile),
    )
  }
  return dir
}

function configFor(variant: SuiteVariant): string {
  if (variant === 'no-op')
    return `import { defineConfig } from 'vitest/config'\nexport default defineConfig({ test: { include: ['*.test.ts'] } })\n`
  return `import { defineConfig } from 'vitest/config'\nimport { wandb } from 'vitest-wandb/plugin'\nexport default defineConfig({ plugins: [wandb({ project: 'bench' })], test: { include: ['*.test.ts'] } })\n`
}

function fixtureFor(variant: SuiteVariant): string {
  if (variant !== 'no-op') return `export { test } from 'vitest-wandb/test'\n`
  return `import { test as base } from 'vitest'
import { CallbackManager } from 'vitest-wandb'
import type { CallbackHandler } from 'vitest-wandb'

const noOp: CallbackHandler = {
  eventStartsToIgnore: [],
  eventEndsToIgnore: [],
  onEventStart: (_type, _payload, id) => id ?? '',
  onEventEnd: () => undefined,
  startTrace: () => undefined,
  endTrace: () => undefined,
}

export const test = base.extend<{ handler: { callbackManager: CallbackManager } }>({
  // eslint-disable-next-line no-empty-pattern
  handler: async ({}, use) => {
    await use({ callbackManager: new CallbackManager([noOp]) })
  },
})
`
}

function emitModule(spansPerTest: number): string {
  return `import type { CallbackManager } from 'vitest-wandb'

/** One trace of ${spansPerTest} spans: a query with retrieve/synthesize/llm groups under it. */
export async function emitTrace(manager: CallbackManager, name: string): Promise<void> {
  await manager.asTrace('query', async () => {
    const query = manager.onEventStart('query', { query_str: name })
    for (let span = 1; span < ${spansPerTest}; span += 3) {
      const retrieve = manager.onEventStart('retrieve', { query_str: name }, undefined, query)
      manager.onEventEnd('retrieve', { nodes: [{ node: { id_: 'n' + span, text: 'some retrieved text' }, score: 0.5 }] }, retrieve)
      if (span + 1 >= ${spansPerTest}) break
      const synthesize = manager.onEventStart('synthesize', { query_str: name }, undefined, query)
      if (span + 2 < ${spansPerTest}) {
        const llm = manager.onEventStart('llm', { messages: [{ role: 'user', content: name }] }, undefined, synthesize)
        manager.onEventEnd('llm', { response: { message: { role: 'assistant', content: 'ok' }, raw: { usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } } } }, llm)
      }
      manager.onEventEnd('synthesize', { response: 'ok' }, synthesize)
    }
    manager.onEventEnd('query', { response: 'done' }, query)
  })
}
`
}

function testFile(tests: number): string {
  return `import { test } from './fixture.js'
import { emitTrace } from './emit.js'

for (let index = 0; index < ${tests}; index += 1) {
  test('test ' + index, async ({ handler }) => {
    await emitTrace(handler.callbackManager, 'test ' + index)
  })
}
`
}

function scoringTestFile(tests: number): string {
  return `import { retrievalMetrics, retrievedNodeIds } from 'vitest-wandb/test'
import { test } from './fixture.js'
import { emitTrace } from './emit.js'

for (let index = 0; index < ${tests}; index += 1) {
  test('test ' + index, async ({ handler, score }) => {
    await emitTrace(handler.callbackManager, 'test ' + index)
    score.all(retrievalMetrics({ retrieved: retrievedNodeIds(handler.traces), expected: ['n1', 'n7'] }))
    score('faithfulness', 0.8, { min: 0.5 })
    score('relevancy', { score: 0.9, passing: true, feedback: 'on topic' })
    score('cites-a-source', true)
    score('answer-length', 12)
  })
}
`
}
