import type { Problem } from '../problem.js'
import { settingProblem } from './setting-rules.js'
import type { SettingRule } from './setting-rules.js'

export type Environment = Readonly<Record<string, string | undefined>>

/**
 * Reads environment variables by their rules. Blank means unset; a value that breaks its rule is
 * left out, and the first such variable is kept as the problem to tell.
 */
export class EnvironmentReader {
  private first: Problem | undefined

  constructor(private readonly env: Environment) {}

  get problem(): Problem | undefined {
    return this.first
  }

  /** The variable's value when it keeps `rule` (any text without one). */
  read(variable: string, rule?: SettingRule): string | undefined {
    const value = this.env[variable]?.trim()
    if (value === undefined || value === '') return undefined
    if (rule === undefined || rule.accepts(value)) return value
    this.tell(settingProblem(variable, rule.expected, value, `fix ${variable} or unset it`))
    return undefined
  }

  /** A comma-separated list; one bad item leaves the whole list out. */
  readList(variable: string, rule: SettingRule): string[] | undefined {
    const items = (this.env[variable] ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '')
    if (items.length === 0) return undefined
    if (items.every(rule.accepts)) return items
    this.tell(
      settingProblem(variable, rule.expected, this.env[variable], `fix ${variable} or unset it`),
    )
    return undefined
  }

  tell(problem: Problem): void {
    this.first ??= problem
  }
}
