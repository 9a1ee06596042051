import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolvePluginOptions } from '../../src/vitest/plugin-options.js'
import type { WandbPluginOptions } from '../../src/vitest/plugin-options.js'

const FIX = ' — fix it in the Vitest config, or leave it out.'

function thrown(options: WandbPluginOptions): string {
  try {
    resolvePluginOptions(options, {})
  } catch (error) {
    return error instanceof TypeError ? error.message : `not a TypeError: ${String(error)}`
  }
  return 'nothing thrown'
}

describe('resolvePluginOptions', () => {
  it('keeps the options as given, with the environment their unset values come from', () => {
    const env = { WANDB_PROJECT: 'env', WANDB_MODE: 'online' }
    const resolved = resolvePluginOptions({ project: 'mine', mode: 'disabled', tags: ['x'] }, env)
    expect(resolved).toMatchObject({ project: 'mine', mode: 'disabled', tags: ['x'], env })
    expect(resolvePluginOptions({}, env)).toMatchObject({
      project: undefined,
      mode: undefined,
      tags: undefined,
      timeoutMs: undefined,
      sessionFile: true,
      llamaindex: false,
    })
  })

  it('leaves a bad variable to the session, which warns instead of failing the config', () => {
    expect(() =>
      resolvePluginOptions(
        {},
        { WANDB_MODE: 'onlien', WANDB_RUN_ID: '../x', WANDB_PROJECT: 'a/b' },
      ),
    ).not.toThrow()
  })

  it('rejects a mode, tokenizer or payload limit it does not know, naming the option and the value', () => {
    expect(thrown({ mode: 'onlien' as never })).toBe(
      `vitest-wandb: wandb({ mode }) must be one of online, offline, disabled; got "onlien"${FIX}`,
    )
    expect(thrown({ tokenizer: 'cl200k' as never })).toMatch(
      /^vitest-wandb: wandb\({ tokenizer }\) must be one of cl100k_base.*; got "cl200k" — fix it/,
    )
    expect(thrown({ maxPayloadChars: 3 })).toBe(
      `vitest-wandb: wandb({ maxPayloadChars }) must be a whole number of at least 16; got 3${FIX}`,
    )
    expect(thrown({ maxPayloadChars: 100.5 })).toMatch(/; got 100\.5 — /)
  })

  it('rejects names W&B would refuse: an empty project, an entity with a slash, a control character', () => {
    expect(thrown({ project: '' })).toBe(
      `vitest-wandb: wandb({ project }) must be a W&B project name (1 to 128 characters, none of / \\ # ? % :); got ""${FIX}`,
    )
    expect(thrown({ project: 'rag/evals' })).toMatch(
      /^vitest-wandb: wandb\({ project }\) .*; got "rag\/evals"/,
    )
    expect(thrown({ project: 'p'.repeat(129) })).toMatch(/wandb\({ project }\)/)
    expect(thrown({ entity: 'my-team/other' })).toBe(
      `vitest-wandb: wandb({ entity }) must be a W&B user or team name (no spaces, none of / \\ # ? % :); got "my-team/other"${FIX}`,
    )
    expect(thrown({ entity: 'my team' })).toMatch(/wandb\({ entity }\)/)
    expect(thrown({ name: 'nightly\nrun' })).toBe(
      `vitest-wandb: wandb({ name }) must be one line of text (no control characters); got "nightly\\nrun"${FIX}`,
    )
    expect(thrown({ group: 'ci\u0000' })).toMatch(/wandb\({ group }\)/)
    expect(thrown({ tags: ['ok', ''] })).toBe(
      `vitest-wandb: wandb({ tags }) must be tags of 1 to 64 characters each; got ["ok",""]${FIX}`,
    )
    expect(thrown({ tags: ['t'.repeat(65)] })).toMatch(/wandb\({ tags }\)/)
  })

  it('accepts the names W&B takes', () => {
    expect(() =>
      resolvePluginOptions(
        {
          project: 'rag-evals_2.0',
          entity: 'my-team',
          name: 'nightly run / main',
          group: 'ci 42',
          tags: ['ci', 't'.repeat(64)],
          notes: 'two\nlines',
          timeoutMs: 1,
        },
        {},
      ),
    ).not.toThrow()
  })

  it('rejects a timeout that is not a positive number of milliseconds', () => {
    for (const timeoutMs of [0, -5, Number.NaN, Number.POSITIVE_INFINITY, '5000' as never]) {
      expect(thrown({ timeoutMs })).toMatch(
        /^vitest-wandb: wandb\({ timeoutMs }\) must be a positive number of milliseconds; got .* — fix it/,
      )
    }
  })

  it('rejects a dir under a regular file, naming the file, and takes one that can be created', () => {
    const root = mkdtempSync(join(tmpdir(), 'plugin-dir-'))
    writeFileSync(join(root, 'blocker'), 'not a folder')
    const message = thrown({ dir: join(root, 'blocker', 'runs') })
    expect(message).toContain(
      `vitest-wandb: wandb({ dir }) must be a folder where runs can be written; got "${join(root, 'blocker', 'runs')}", but `,
    )
    expect(message).toContain(`${join(root, 'blocker')} is a file, not a folder${FIX}`)
    expect(thrown({ dir: '  ' })).toMatch(/wandb\({ dir }\) .*, but it is not a path — /)
    expect(() => resolvePluginOptions({ dir: join(root, 'new', 'runs') }, {})).not.toThrow()
  })

  it('keeps 20 session files and leaves W&B out of watch mode unless told otherwise', () => {
    expect(resolvePluginOptions({}, {})).toMatchObject({
      keepSessionFiles: 20,
      wandbInWatchMode: false,
    })
    expect(resolvePluginOptions({ keepSessionFiles: 1, wandbInWatchMode: true }, {})).toMatchObject(
      { keepSessionFiles: 1, wandbInWatchMode: true },
    )
  })

  it('rejects a number of session files to keep that is not a whole number of at least 1', () => {
    for (const keep of [0, -3, 2.5, Number.NaN]) {
      expect(thrown({ keepSessionFiles: keep })).toBe(
        `vitest-wandb: wandb({ keepSessionFiles }) must be a whole number of at least 1; got ${String(keep)}${FIX}`,
      )
    }
  })
})

describe('thresholds', () => {
  it('keeps the thresholds given, and none by default', () => {
    expect(resolvePluginOptions({}, {}).thresholds).toEqual({})
    const thresholds = { faithfulness: 0.8, hit_rate: 0 }
    expect(resolvePluginOptions({ thresholds }, {}).thresholds).toEqual(thresholds)
  })

  it('rejects thresholds that are not an object of finite numbers, naming the score', () => {
    expect(() =>
      resolvePluginOptions({ thresholds: [0.8] as unknown as Record<string, number> }, {}),
    ).toThrow(
      'vitest-wandb: wandb({ thresholds }) must be an object of score names and numbers; got [0.8] — fix it in the Vitest config, or leave it out.',
    )
    expect(() =>
      resolvePluginOptions({ thresholds: { faithfulness: '0.8' as unknown as number } }, {}),
    ).toThrow(
      `vitest-wandb: wandb({ thresholds: { 'faithfulness' } }) must be a finite number; got "0.8" — fix it in the Vitest config, or leave it out.`,
    )
    expect(() => resolvePluginOptions({ thresholds: { recall: Number.NaN } }, {})).toThrow(
      "wandb({ thresholds: { 'recall' } }) must be a finite number; got NaN",
    )
  })
})

describe('compareTo and report', () => {
  it('keeps them as given, off by default', () => {
    expect(resolvePluginOptions({}, {})).toMatchObject({ compareTo: undefined, report: false })
    expect(
      resolvePluginOptions({ compareTo: 'branch:main', report: 'out/report.html' }, {}),
    ).toMatchObject({ compareTo: 'branch:main', report: 'out/report.html' })
  })

  it('rejects a compareTo or report that is not one of the forms they take', () => {
    expect(() => resolvePluginOptions({ compareTo: ' ' }, {})).toThrow(
      `vitest-wandb: wandb({ compareTo }) must be 'previous', 'branch:<name>' or a path to a session; got " " — fix it in the Vitest config, or leave it out.`,
    )
    expect(() => resolvePluginOptions({ report: 1 as unknown as boolean }, {})).toThrow(
      'vitest-wandb: wandb({ report }) must be true, false or the path of the HTML file; got 1',
    )
  })
})
