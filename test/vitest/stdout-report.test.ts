import { describe, expect, it } from 'vitest'
import type { ResolvedConfig } from 'vitest/node'
import { DefaultReporter, JsonReporter, JUnitReporter, TapReporter } from 'vitest/reporters'
import { reportsOnStdout } from '../../src/vitest/stdout-report.js'

function config(reporters: unknown[], outputFile?: unknown): ResolvedConfig {
  return { reporters, outputFile } as unknown as ResolvedConfig
}

const V4 = '4.1.12'
const V5 = '5.1.1'

describe('reportsOnStdout', () => {
  it('is true for json and junit with no output file, and always for tap and tap-flat', () => {
    expect(reportsOnStdout(config([['json', {}]]), V4)).toBe(true)
    expect(
      reportsOnStdout(
        config([
          ['default', {}],
          ['junit', {}],
        ]),
        V4,
      ),
    ).toBe(true)
    expect(reportsOnStdout(config([['tap', {}]]), V4)).toBe(true)
    expect(reportsOnStdout(config([['tap-flat', {}]], 'out.tap'), V4)).toBe(true)
    expect(reportsOnStdout(config(['json']), V4)).toBe(true)
  })

  it('is false when the output file is the reporter’s own, the config’s, or the config’s for that name', () => {
    expect(reportsOnStdout(config([['json', { outputFile: 'r.json' }]]), V4)).toBe(false)
    expect(reportsOnStdout(config([['junit', {}]], 'junit.xml'), V4)).toBe(false)
    expect(reportsOnStdout(config([['json', {}]], { json: 'r.json' }), V4)).toBe(false)
    expect(
      reportsOnStdout(
        config(
          [
            ['json', {}],
            ['junit', {}],
          ],
          { json: 'r.json' },
        ),
        V4,
      ),
    ).toBe(true)
    expect(reportsOnStdout(config([['junit', {}]], { json: 'r.json' }), V4)).toBe(true)
  })

  it('is false for reporters meant for people or files', () => {
    const others = ['default', 'verbose', 'dot', 'tree', 'blob', 'html', 'github-actions']
    expect(reportsOnStdout(config(others.map((name) => [name, {}])), V4)).toBe(false)
    expect(reportsOnStdout(config([{ onTestRunEnd: () => undefined }]), V4)).toBe(false)
  })

  it('knows reporter instances of the built-in classes by name', () => {
    expect(reportsOnStdout(config([new JsonReporter({})]), V4)).toBe(true)
    expect(reportsOnStdout(config([new JsonReporter({ outputFile: 'r.json' })]), V4)).toBe(false)
    expect(reportsOnStdout(config([new JUnitReporter({})], { junit: 'j.xml' }), V4)).toBe(false)
    expect(reportsOnStdout(config([new TapReporter()]), V4)).toBe(true)
    expect(reportsOnStdout(config([new DefaultReporter()]), V4)).toBe(false)
  })

  it('on Vitest 5, is true for json and junit only when they are told to print (stdout: true)', () => {
    expect(reportsOnStdout(config([['json', {}]]), V5)).toBe(false)
    expect(reportsOnStdout(config(['junit']), V5)).toBe(false)
    expect(reportsOnStdout(config([['json', { stdout: true }]]), V5)).toBe(true)
    expect(reportsOnStdout(config([['junit', { stdout: true }]], 'junit.xml'), V5)).toBe(false)
    expect(reportsOnStdout(config([['tap', {}]]), V5)).toBe(true)
    expect(reportsOnStdout(config([['json', { stdout: true }]]), V4)).toBe(true)
  })
})
