import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const DIST = resolve(import.meta.dirname, '../../dist')
// Static `import … from "x"` and `import "x"` at the start of a line; `import("x")` is left out.
const STATIC_IMPORT = /^import\s*(?:[^"';]*?\sfrom\s*)?"([^"]+)";?$/gm

interface StaticGraph {
  /** Bundled files reached by static imports, the entry included. */
  readonly files: string[]
  /** Packages imported by name. */
  readonly packages: string[]
  /** Source files the reached files were bundled from (from their source maps). */
  readonly sources: string[]
}

function staticGraph(entry: string): StaticGraph {
  const files: string[] = []
  const packages = new Set<string>()
  const pending = [entry]
  while (pending.length > 0) {
    const file = pending.pop() as string
    if (files.includes(file)) continue
    files.push(file)
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      if (specifier === undefined) continue
      if (specifier.startsWith('.')) pending.push(resolve(dirname(file), specifier))
      else packages.add(specifier)
    }
  }
  const sources = files.flatMap((file) => {
    const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] }
    return map.sources.map((source) => resolve(dirname(file), source))
  })
  return { files, packages: [...packages], sources }
}

const relativeToRepo = (path: string): string => path.slice(resolve(DIST, '..').length + 1)

describe('what a Vitest worker loads', () => {
  const setup = resolve(DIST, 'vitest/setup.js')

  it('loads no W&B client, tokenizer or LlamaIndex.TS adapter before they are used', () => {
    expect(existsSync(setup), 'the build is missing: run `npm run build`').toBe(true)
    const graph = staticGraph(setup)
    expect(graph.packages.filter((name) => !name.startsWith('node:'))).toEqual(['vitest'])
    const sources = graph.sources.map(relativeToRepo)
    expect(sources).toContain('src/vitest/setup.ts')
    expect(sources.filter((source) => source.startsWith('src/wandb/'))).toEqual([])
    expect(sources.filter((source) => source.startsWith('src/integrations/'))).toEqual([])
  })

  it('still reaches the W&B artifact code and the adapter, on first use', () => {
    const dynamicTargets = staticGraph(setup).files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/import\("(\.[^"]+)"\)/g)].map(([, specifier]) =>
        resolve(dirname(file), specifier as string),
      ),
    )
    const lazySources = dynamicTargets.flatMap((target) => staticGraph(target).sources)
    const lazy = lazySources.map(relativeToRepo)
    expect(lazy.some((source) => source.startsWith('src/wandb/artifacts/'))).toBe(true)
    expect(lazy.some((source) => source.startsWith('src/integrations/llamaindex/'))).toBe(true)
  })
})
