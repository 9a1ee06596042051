import { describe, expect, it } from 'vitest'
import type { ResolvedConfig } from 'vitest/node'
import { DefaultReporter, JsonReporter, JUnitReporter, TapReporter } from 'vitest/reporters'
import { reportsOnStdout } from '../../../src/vitest/stdout-report.js'

function config(reporters: unknown[], outputFile?: unknown): ResolvedConfig {
  return { reporters, outputFile } as unknown as ResolvedConfig
}

describe('reportsOnStdout', () => {
  it('is true for json and junit with no output file, and always for tap and tap-flat', () => {
    expect(reportsOnStdout(config([['json', {}]]))).toBe(true)
    expect(
      reportsOnStdout(
        config([
          ['default', {}],
          ['junit', {}],
        ]),
      ),
    ).toBe(true)
    expect(reportsOnStdout(config([['tap', {}]]))).toBe(true)
    expect(reportsOnStdout(config([['tap-flat', {}]], 'out.tap'))).toBe(true)
    expect(reportsOnStdout(config(['json']))).toBe(true)
  })

  it('is false when the output file is the reporter’s own, the config’s, or the config’s for that name', () => {
    expect(reportsOnStdout(config([['json', { outputFile: 'r.json' }]]))).toBe(false)
    expect(reportsOnStdout(config([['junit', {}]], 'junit.xml'))).toBe(false)
    expect(reportsOnStdout(config([['json', {}]], { json: 'r.json' }))).toBe(false)
    expect(
      reportsOnStdout(
        config(
          [
            ['json', {}],
            ['junit', {}],
          ],
          { json: 'r.json' },
        ),
      ),
    ).toBe(true)
    expect(reportsOnStdout(config([['junit', {}]], { json: 'r.json' }))).toBe(true)
  })

  it('is false for reporters meant for people or files', () => {
    const others = ['default', 'verbose', 'dot', 'tree', 'blob', 'html', 'github-actions']
    expect(reportsOnStdout(config(others.map((name) => [name, {}])))).toBe(false)
    expect(reportsOnStdout(config([{ onTestRunEnd: () => undefined }]))).toBe(false)
  })

  it('knows reporter instances of the built-in classes by name', () => {
    expect(reportsOnStdout(config([new JsonReporter({})]))).toBe(true)
    expect(reportsOnStdout(config([new JsonReporter({ outputFile: 'r.json' })]))).toBe(false)
    expect(reportsOnStdout(config([new JUnitReporter({})], { junit: 'j.xml' }))).toBe(false)
    expect(reportsOnStdout(config([new TapReporter()]))).toBe(true)
    expect(reportsOnStdout(config([new DefaultReporter()]))).toBe(false)
  })
})
