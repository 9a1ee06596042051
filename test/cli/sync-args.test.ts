import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_TIMEOUT_MS, parseSyncArgs } from '../../src/cli/sync-args.js'
import { DEFAULT_TIMEOUT_MS } from '../../src/wandb/settings.js'

describe('parseSyncArgs', () => {
  it('takes folders in order, with the default timeout', () => {
    expect(parseSyncArgs(['wandb/offline-run-a', 'wandb'])).toEqual({
      ok: true,
      dirs: ['wandb/offline-run-a', 'wandb'],
      timeoutMs: DEFAULT_TIMEOUT_MS,
    })
  })

  it('takes --timeout <ms> and --timeout=<ms> anywhere among the folders', () => {
    expect(parseSyncArgs(['a', '--timeout', '5000', 'b'])).toEqual({
      ok: true,
      dirs: ['a', 'b'],
      timeoutMs: 5_000,
    })
    expect(parseSyncArgs(['--timeout=1', 'a'])).toMatchObject({ ok: true, timeoutMs: 1 })
    expect(parseSyncArgs(['--timeout=9', '--timeout=7', 'a'])).toMatchObject({ timeoutMs: 7 })
  })

  it('takes everything after -- as folders, even names that look like options', () => {
    expect(parseSyncArgs(['--', '--timeout', '-h'])).toEqual({
      ok: true,
      dirs: ['--timeout', '-h'],
      timeoutMs: DEFAULT_TIMEOUT_MS,
    })
    expect(parseSyncArgs(['-'])).toMatchObject({ ok: true, dirs: ['-'] })
  })

  it('refuses an unknown option, a missing timeout and no folder, saying what to do', () => {
    expect(parseSyncArgs(['--dry-run', 'a'])).toEqual({
      ok: false,
      problem: 'unknown option "--dry-run".',
    })
    expect(parseSyncArgs(['a', '--timeout'])).toEqual({
      ok: false,
      problem: `--timeout takes a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, e.g. --timeout 60000; nothing was given.`,
    })
    const none = parseSyncArgs(['--timeout', '10'])
    expect(none.ok).toBe(false)
    expect(!none.ok && none.problem).toMatch(/^sync needs at least one folder: an offline run/)
  })

  it('accepts every whole number of milliseconds from 1 to the maximum', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_TIMEOUT_MS }), (ms) => {
        expect(parseSyncArgs(['--timeout', String(ms), 'a'])).toMatchObject({ timeoutMs: ms })
      }),
    )
  })

  it('refuses any other timeout, naming the value', () => {
    const outside = fc.oneof(
      fc.integer({ max: 0 }).map(String),
      fc.integer({ min: MAX_TIMEOUT_MS + 1 }).map(String),
      fc.string().filter((text) => !/^\d+$/.test(text)),
      fc.double({ min: 1, max: 1000, noInteger: true }).map(String),
    )
    fc.assert(
      fc.property(outside, (value) => {
        const parsed = parseSyncArgs([`--timeout=${value}`, 'a'])
        expect(parsed.ok).toBe(false)
        expect(!parsed.ok && parsed.problem).toContain(`"${value}" is not one.`)
      }),
    )
  })
})
