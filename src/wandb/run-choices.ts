import type { Problem } from '../problem.js'
import { runFolderProblem } from './run-folder.js'
import {
  ENTITY_RULE,
  LINE_RULE,
  MODE_RULE,
  PROJECT_RULE,
  settingProblem,
  TAG_RULE,
  TIMEOUT_RULE,
} from './setting-rules.js'
import type { SettingRule } from './setting-rules.js'
import type { RunChoices } from './settings.js'

/** How a caller names its options in messages (`wandb({ project })`), and where to fix them. */
export interface ChoicesSource {
  readonly label: (option: string) => string
  readonly fix: string
}

const TEXT_CHOICES: ReadonlyArray<readonly [keyof RunChoices, SettingRule]> = [
  ['mode', MODE_RULE],
  ['project', PROJECT_RULE],
  ['entity', ENTITY_RULE],
  ['name', LINE_RULE],
  ['group', LINE_RULE],
]

/** The first choice W&B would refuse (or that leaves no folder for the run), said as its caller names it. */
export function runChoicesProblem(choices: RunChoices, source: ChoicesSource): Problem | undefined {
  for (const [option, rule] of TEXT_CHOICES) {
    const value = choices[option]
    if (value !== undefined && !(typeof value === 'string' && rule.accepts(value)))
      return settingProblem(source.label(option), rule.expected, value, source.fix)
  }
  return (
    tagsProblem(choices.tags, source) ??
    timeoutProblem(choices.timeoutMs, source) ??
    dirProblem(choices.dir, source)
  )
}

function tagsProblem(tags: unknown, source: ChoicesSource): Problem | undefined {
  if (tags === undefined) return undefined
  const valid =
    Array.isArray(tags) && tags.every((tag) => typeof tag === 'string' && TAG_RULE.accepts(tag))
  return valid
    ? undefined
    : settingProblem(source.label('tags'), TAG_RULE.expected, tags, source.fix)
}

function timeoutProblem(timeoutMs: unknown, source: ChoicesSource): Problem | undefined {
  if (timeoutMs === undefined) return undefined
  const valid = typeof timeoutMs === 'number' && TIMEOUT_RULE.accepts(String(timeoutMs))
  return valid
    ? undefined
    : settingProblem(source.label('timeoutMs'), TIMEOUT_RULE.expected, timeoutMs, source.fix)
}

function dirProblem(dir: unknown, source: ChoicesSource): Problem | undefined {
  if (dir === undefined) return undefined
  const why =
    typeof dir === 'string' && dir.trim() !== '' ? runFolderProblem(dir) : 'it is not a path'
  if (why === undefined) return undefined
  const problem = settingProblem(
    source.label('dir'),
    'a folder where runs can be written',
    dir,
    source.fix,
  )
  return { ...problem, what: `${problem.what}, but ${why}` }
}
