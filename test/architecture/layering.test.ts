import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { importCircles, readImportGraph } from './import-graph.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const graph = readImportGraph(root)

/**
 * A layer: the files it covers, and the files it must never import, or (`only`) the files
 * it may import, none other.
 */
type Rule = {
  name: string
  from: readonly string[]
  forbidden?: readonly string[]
  only?: readonly string[]
}

const ABOVE_CORE = [
  'src/handler.ts',
  'src/run-handler.ts',
  'src/index.ts',
  'src/routing/',
  'src/session/',
  'src/sinks/',
  'src/indexes/',
  'src/vitest/',
  'src/integrations/',
  'src/cli/',
  'src/compare/',
  'src/report/',
]

const RULES: readonly Rule[] = [
  {
    name: 'the W&B client knows nothing of traces, sessions, sinks, indexes, Vitest or the handler',
    from: ['src/wandb/'],
    forbidden: [
      'src/trace/',
      'src/session/',
      'src/sinks/',
      'src/vitest/',
      'src/indexes/',
      'src/handler.ts',
      'src/run-handler.ts',
      'src/index.ts',
      'src/routing/',
      'src/integrations/',
      'src/cli/',
      'src/compare/',
      'src/report/',
    ],
  },
  {
    name: 'events, callbacks, trace, evaluation and scores import nothing above them',
    from: ['src/events/', 'src/callbacks/', 'src/trace/', 'src/evaluation/', 'src/scores/'],
    forbidden: ABOVE_CORE,
  },
  {
    name: 'the comparison of sessions knows nothing of Vitest, W&B, sinks, the handler or the CLI',
    from: ['src/compare/'],
    forbidden: [
      'src/vitest/',
      'src/wandb/',
      'src/sinks/',
      'src/routing/',
      'src/indexes/',
      'src/integrations/',
      'src/handler.ts',
      'src/run-handler.ts',
      'src/index.ts',
      'src/cli/',
    ],
  },
  {
    name: 'the HTML report knows nothing of Vitest, W&B, sinks, the handler or the CLI',
    from: ['src/report/'],
    forbidden: [
      'src/vitest/',
      'src/wandb/',
      'src/baseline/',
      'src/sinks/',
      'src/routing/',
      'src/indexes/',
      'src/integrations/',
      'src/handler.ts',
      'src/run-handler.ts',
      'src/index.ts',
      'src/cli/',
    ],
  },
  {
    name: "the report page's script, which runs in a browser, imports only itself and the report data types",
    from: ['src/report/page/'],
    only: ['src/report/page/', 'src/report/report-data.ts'],
  },
  {
    name: 'the LlamaIndex adapter does not know Vitest',
    from: ['src/integrations/'],
    forbidden: ['src/vitest/'],
  },
]

const matches = (file: string, prefixes: readonly string[]): boolean =>
  prefixes.some((prefix) => (prefix.endsWith('/') ? file.startsWith(prefix) : file === prefix))

function violations(rule: Rule): string[] {
  return [...graph].flatMap(([file, targets]) =>
    matches(file, rule.from)
      ? targets
          .filter((target) =>
            rule.only === undefined
              ? matches(target, rule.forbidden ?? [])
              : !matches(target, rule.only),
          )
          .map((target) => `${file} -> ${target}`)
      : [],
  )
}

describe('layering of src', () => {
  it('reads the imports of every source file', () => {
    expect(graph.size).toBeGreaterThan(100)
    expect(graph.get('src/index.ts')).toContain('src/handler.ts')
  })

  it('reads type-only and dynamic imports as arrows too', () => {
    expect(graph.get('src/handler.ts')).toContain('src/sinks/wandb-trace-sink.ts')
    expect(graph.get('src/vitest/setup.ts')).toContain('src/integrations/llamaindex.ts')
  })

  it('reads the report page and its imports', () => {
    expect(graph.get('src/report/page/main.ts')).toContain('src/report/report-data.ts')
    expect(graph.get('src/cli/commands.ts')).toContain('src/cli/report-command.ts')
  })

  it('finds a circle, and only once, in a graph that has one', () => {
    const withCircle = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']],
    ])
    expect(importCircles(withCircle)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['e.ts']])
  })

  for (const rule of RULES) {
    it(rule.name, () => {
      expect(violations(rule)).toEqual([])
    })
  }

  it('has no import circles, type-only imports included', () => {
    expect(importCircles(graph)).toEqual([])
  })
})
