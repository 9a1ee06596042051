import type { SessionSummary } from '../session/test-record.js'
import { countLabel } from '../count-label.js'

/**
 * One line per session threshold that failed: a score whose session mean is under it, or a
 * score no test recorded (a misspelt name must not pass unseen). Empty when every one holds.
 */
export function failedThresholds(
  summary: SessionSummary,
  thresholds: Readonly<Record<string, number>>,
): string[] {
  return Object.entries(thresholds).flatMap(([name, threshold]) => {
    const score = Object.hasOwn(summary.scores, name) ? summary.scores[name] : undefined
    if (score === undefined) {
      return [
        `vitest-wandb: no test recorded the score "${name}" that thresholds names (a misspelt name, or its tests did not run); it fails the run until a test records it or the threshold goes.`,
      ]
    }
    if (score.mean >= threshold) return []
    return [
      `vitest-wandb: ${name} mean ${shownBelow(score.mean, threshold)} is under its threshold ${threshold} (${countLabel(score.count, 'test')})`,
    ]
  })
}

/** The mean with two decimals, or as many as it takes not to look equal to the threshold. */
function shownBelow(mean: number, threshold: number): string {
  for (let digits = 2; digits < 12; digits += 1) {
    const shown = mean.toFixed(digits)
    if (Number(shown) < threshold) return String(Number(shown))
  }
  return String(mean)
}
