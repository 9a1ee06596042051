import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { copyFixture, runVitest } from './support/run-fixture.js'

const TREE = ['query (AGENT)', '├─ retrieve (TOOL)', '└─ synthesize (CHAIN)', '   └─ llm (LLM)']

describe('span snapshots in a real run', () => {
  it('writes, matches, fails on a changed tree, and rewrites inline snapshots', async () => {
    const dir = copyFixture('snapshots')

    const written = await runVitest(dir, ['run', '-u'])
    expect(written.exitCode, written.stdout + written.stderr).toBe(0)
    const stored = readFileSync(join(dir, '__snapshots__', 'spans.test.ts.snap'), 'utf8')
    expect(stored).toContain(`exports[\`the query tree 1\`] = \`\n${TREE.join('\n')}\n\`;`)
    expect(stored).toContain(
      'exports[`the query tree with tokens 1`] = `\nquery (AGENT)\n├─ retrieve (TOOL)\n└─ synthesize (CHAIN)\n' +
        '   └─ llm (LLM) formatted_prompt_tokens_count=3 prediction_tokens_count=4 total_tokens_used=7\n`;',
    )
    const testFile = readFileSync(join(dir, 'spans.test.ts'), 'utf8')
    expect(testFile).toContain(
      `toMatchInlineSpanSnapshot(\`\n${TREE.map((line) => `    ${line}`).join('\n')}\n  \`)`,
    )

    const matched = await runVitest(dir, ['run'])
    expect(matched.exitCode, matched.stdout).toBe(0)

    const changed = await runVitest(dir, ['run'], { EXTRA_RERANK: '1' })
    expect(changed.exitCode).toBe(1)
    expect(changed.stdout).toContain('3 failed')
    expect(changed.stderr).toMatch(/\+ ├─ reranking \(CHAIN\)/)
  })
})
