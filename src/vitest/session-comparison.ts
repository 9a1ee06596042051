import { appendFileSync, existsSync } from 'node:fs'
import { displayPath } from '../display-path.js'
import { findBaseline } from '../baseline/find-baseline.js'
import type { Baseline } from '../baseline/find-baseline.js'
import { compareSessions } from '../compare/compare-sessions.js'
import { DEFAULT_COMPARE_OPTIONS } from '../compare/comparison.js'
import { formatMarkdown } from '../compare/format-markdown.js'
import { shortComparison } from '../compare/format-short.js'
import { loadSide } from '../compare/load-side.js'
import { resolveWandbSettings } from '../wandb/settings.js'
import { warn } from '../warnings.js'
import type { ResolvedPluginOptions } from './plugin-options.js'

/** The baseline `compareTo` names, found as the session starts; undefined, with a warning, when it cannot be. */
export async function baselineOf(
  options: ResolvedPluginOptions,
  root: string,
): Promise<Baseline | undefined> {
  const choice = options.compareTo
  if (choice === undefined) return undefined
  if (!options.sessionFile) {
    warn(
      `compareTo needs the session file, which is off (sessionFile: false); the session is not compared with ${choice}.`,
    )
    return undefined
  }
  const found = await findBaseline(choice, root, resolveWandbSettings(options, options.env, root))
  if (found.ok) return found.value
  warn(`could not find the baseline ${choice} (${found.reason}); the session is not compared.`)
  return undefined
}

/**
 * Compares the session just written (`headFile`) with `baseline`: the closing lines, and the
 * markdown report appended to `GITHUB_STEP_SUMMARY` when it is set. Never throws.
 */
export async function compareWithBaseline(
  baseline: Baseline,
  headFile: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string[]> {
  // Local files are named as the user would type them, in the job summary too.
  const shown = (source: string): string => (existsSync(source) ? displayPath(source) : source)
  const base = await loadSide(shown(baseline.source), baseline.remote)
  if (!base.ok) {
    warn(
      `could not read the baseline ${baseline.label} (${base.reason}); the session is not compared.`,
    )
    return []
  }
  const head = await loadSide(shown(headFile), baseline.remote)
  if (!head.ok) {
    warn(`could not read this session to compare it (${head.reason}).`)
    return []
  }
  const comparison = compareSessions(base.value, head.value, DEFAULT_COMPARE_OPTIONS)
  const jobSummary = env['GITHUB_STEP_SUMMARY']
  if (jobSummary) {
    try {
      appendFileSync(jobSummary, `${formatMarkdown(comparison)}\n`)
    } catch (error) {
      warn(`could not append the comparison to GITHUB_STEP_SUMMARY (${String(error)}).`)
    }
  }
  return shortComparison(comparison, baseline.label)
}
