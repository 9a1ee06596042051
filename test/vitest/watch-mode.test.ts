import { describe, expect, it } from 'vitest'
import type { ResolvedConfig } from 'vitest/node'
import { resolvePluginOptions } from '../../src/vitest/plugin-options.js'
import type { WandbPluginOptions } from '../../src/vitest/plugin-options.js'
import { sessionOptions, watchModeNotice } from '../../src/vitest/watch-mode.js'

const watching = { watch: true } as ResolvedConfig
const running = { watch: false } as ResolvedConfig

function options(given: WandbPluginOptions = {}) {
  return resolvePluginOptions(given, {})
}

describe('sessionOptions', () => {
  it('turns W&B off for a watch session unless wandbInWatchMode asks for it', () => {
    expect(sessionOptions(options({ project: 'p' }), watching)).toMatchObject({
      project: 'p',
      mode: 'disabled',
    })
    expect(sessionOptions(options({ mode: 'offline' }), watching).mode).toBe('disabled')
    const optedIn = options({ mode: 'online', wandbInWatchMode: true })
    expect(sessionOptions(optedIn, watching)).toBe(optedIn)
  })

  it('leaves a run outside watch mode as configured', () => {
    const given = options({ mode: 'online' })
    expect(sessionOptions(given, running)).toBe(given)
    expect(sessionOptions(options(), running).mode).toBeUndefined()
  })
})

describe('watchModeNotice', () => {
  it('names the option that turns W&B on, only when watch mode leaves W&B out', () => {
    expect(watchModeNotice(options(), watching)).toMatch(
      /^vitest-wandb: watch mode logs nothing to W&B .*wandbInWatchMode: true/,
    )
    expect(watchModeNotice(options({ wandbInWatchMode: true }), watching)).toBeUndefined()
    expect(watchModeNotice(options({ mode: 'disabled' }), watching)).toBeUndefined()
    expect(watchModeNotice(options(), running)).toBeUndefined()
  })
})
