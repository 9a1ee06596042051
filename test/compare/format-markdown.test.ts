import { describe, expect, it } from 'vitest'
import type { TestComparison } from '../../src/compare/comparison.js'
import { formatMarkdown, MARKDOWN_MAX_TESTS } from '../../src/compare/format-markdown.js'
import { MARKDOWN_MAX_DIFF_LINES } from '../../src/compare/markdown-test-block.js'
import { exampleComparison } from './support/example-comparison.js'

describe('formatMarkdown', () => {
  const markdown = formatMarkdown(exampleComparison())

  it('starts with both sessions and a summary table', () => {
    expect(markdown).toMatch(
      /^## vitest-wandb diff\n\n- \*\*base\*\*: <code>\.vitest-wandb\/session-20260101-120000-b1\.jsonl<\/code> \(session b1 · 2026-01-01 12:30:05 UTC · main a1b2c3d\)\n/,
    )
    expect(markdown).toContain(
      [
        '| | base | head | Δ |',
        '| --- | ---: | ---: | ---: |',
        '| Tests | 4 | 4 |  |',
        '| Passed | 4 | 2 | -2 |',
      ].join('\n'),
    )
    expect(markdown).toContain('| Pass rate | 100.0% | 66.7% | -33.3 pts |')
    expect(markdown).toContain('| &nbsp;&nbsp;prompt | 14 | 21 | +7 |')
    expect(markdown).toContain('| faithfulness (mean) | 0.9 | 0.7 | -0.2 |')
  })

  it('lists the regressions', () => {
    expect(markdown).toContain(
      '**2 regressions:**\n\n- a.test.ts &gt; refuses: passed → failed\n- faithfulness: session mean 0.9 → 0.7 (-0.2), a fall of more than 0.02\n',
    )
  })

  it('puts each changed test in a <details> with its error, its outline diff and its numbers', () => {
    expect(markdown).toContain(`<details>
<summary>🔸 <code>a.test.ts &gt; answers</code>: scores, structure, tokens, duration</summary>

\`\`\`diff
@@ -1,3 +1,4 @@
 query (AGENT)
 ├─ retrieve (TOOL)
+├─ rerank (CHAIN)
 └─ llm (LLM)
\`\`\`

| | base | head | Δ |
| --- | ---: | ---: | ---: |
| Tokens | 10 | 20 | +10 |
| &nbsp;&nbsp;prompt | 7 | 14 | +7 |
| &nbsp;&nbsp;completion | 3 | 6 | +3 |
| faithfulness | 0.9 | 0.7 | -0.2 |
| Duration | 120 ms | 900 ms | +780 ms |

</details>`)
    expect(markdown).toContain(
      "<summary>❌ <code>a.test.ts &gt; refuses</code>: passed → failed</summary>\n\nError: <code>expected 'no idea' to be 'I do not know'</code>\n\n</details>",
    )
  })

  it('escapes names so that they cannot break the HTML or a table', () => {
    expect(markdown).toContain('<code>a.test.ts &gt; new &#124; &lt;b&gt;</code>')
    expect(markdown).not.toContain('<b>')
  })

  it('fences a diff with more backticks than it holds', () => {
    const comparison = exampleComparison()
    const test = comparison.tests[2] as TestComparison
    const lines = [' query', '+```tool``` (TOOL)']
    const hunk = { baseStart: 1, baseLines: 1, headStart: 1, headLines: 2, lines }
    const fenced = formatMarkdown({
      ...comparison,
      tests: [{ ...test, outline: { baseHash: 'a', headHash: 'b', diff: [hunk] } }],
    })
    expect(fenced).toContain('````diff\n@@ -1,1 +1,2 @@\n query\n+```tool``` (TOOL)\n````')
  })

  it('cuts long diffs and many tests, saying how much is left out', () => {
    const comparison = exampleComparison()
    const test = comparison.tests[2] as TestComparison
    const lines = Array.from({ length: 300 }, (_, index) => `+span ${index}`)
    const hunk = { baseStart: 0, baseLines: 0, headStart: 1, headLines: 300, lines }
    const long = { ...test, outline: { baseHash: 'a', headHash: 'b', diff: [hunk] } }
    const many = Array.from({ length: MARKDOWN_MAX_TESTS + 5 }, (_, index) => ({
      ...long,
      id: `t${index}`,
    }))
    const cut = formatMarkdown({ ...comparison, tests: many })
    expect(cut.match(/<details>/g)).toHaveLength(MARKDOWN_MAX_TESTS)
    expect(cut).toContain(
      `… ${301 - MARKDOWN_MAX_DIFF_LINES} more lines of the diff are not shown.`,
    )
    expect(cut).toContain(
      '… and 5 more changed tests: `vitest-wandb diff --format json` lists them all.',
    )
  })
})
