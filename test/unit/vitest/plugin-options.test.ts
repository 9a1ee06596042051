import { describe, expect, it } from 'vitest'
import { resolvePluginOptions } from '../../../src/vitest/plugin-options.js'

describe('resolvePluginOptions', () => {
  it('takes unset options from the WANDB_* environment variables', () => {
    const resolved = resolvePluginOptions(
      {},
      {
        WANDB_PROJECT: 'p',
        WANDB_ENTITY: 'e',
        WANDB_NAME: 'n',
        WANDB_RUN_GROUP: 'g',
        WANDB_TAGS: ' a, b ,,c ',
        WANDB_NOTES: 'notes',
        WANDB_MODE: 'offline',
        WANDB_DIR: '/tmp/x',
      },
    )
    expect(resolved).toMatchObject({
      project: 'p',
      entity: 'e',
      name: 'n',
      group: 'g',
      tags: ['a', 'b', 'c'],
      notes: 'notes',
      mode: 'offline',
      dir: '/tmp/x',
      sessionFile: true,
    })
  })

  it('prefers explicit options over the environment', () => {
    const resolved = resolvePluginOptions(
      { project: 'mine', mode: 'disabled', tags: ['x'] },
      { WANDB_PROJECT: 'env', WANDB_MODE: 'online', WANDB_TAGS: 'y' },
    )
    expect(resolved).toMatchObject({ project: 'mine', mode: 'disabled', tags: ['x'] })
  })

  it('treats blank environment values as unset', () => {
    expect(resolvePluginOptions({}, { WANDB_PROJECT: '  ', WANDB_MODE: '' })).toMatchObject({
      project: undefined,
      mode: undefined,
      tags: [],
    })
  })

  it('rejects a mode, tokenizer or payload limit it does not know, naming the value', () => {
    expect(() => resolvePluginOptions({}, { WANDB_MODE: 'onlien' })).toThrow(
      'mode must be one of online, offline, disabled; got "onlien"',
    )
    expect(() => resolvePluginOptions({ tokenizer: 'cl200k' as never }, {})).toThrow(
      /tokenizer must be one of cl100k_base.*got "cl200k"/,
    )
    expect(() => resolvePluginOptions({ maxPayloadChars: 3 }, {})).toThrow(
      'maxPayloadChars must be a whole number of at least 16; got 3',
    )
    expect(() => resolvePluginOptions({ maxPayloadChars: 100.5 }, {})).toThrow(/got 100\.5/)
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
      expect(() => resolvePluginOptions({ keepSessionFiles: keep }, {})).toThrow(
        `keepSessionFiles must be a whole number of at least 1; got ${String(keep)}.`,
      )
    }
  })
})
