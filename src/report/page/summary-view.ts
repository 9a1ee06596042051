import type { ReportData, ReportDelta, ReportSessionFacts } from '../report-data.js'
import { el } from './dom.js'
import type { Child } from './dom.js'
import { count, score, shortCommit, signed, when } from './format.js'

/** The page's header: the session, its totals and score means, and the baseline when comparing. */
export function summaryView(data: ReportData): HTMLElement {
  const { comparison } = data
  return el(
    'header',
    { class: 'summary' },
    el('h1', {}, 'Test session report'),
    sessionLine('Session', data.session),
    data.baseline === null ? null : sessionLine('Baseline', data.baseline),
    comparison === null
      ? null
      : el(
          'p',
          { class: 'session-line' },
          `${count(comparison.changed)} tests changed, ${count(comparison.unchanged)} unchanged.`,
        ),
    el(
      'dl',
      { class: 'totals' },
      ...totals(data).map(([name, value]) =>
        el('div', {}, el('dt', {}, name), el('dd', {}, ...value)),
      ),
    ),
  )
}

/** Each total with its change from the baseline, then each score's mean. */
function totals({ totals, comparison, scoreNames }: ReportData): [string, Child[]][] {
  const stats: [string, Child[]][] = [
    [
      'Tests',
      [
        count(totals.tests),
        change(comparison?.tests),
        ` · ${count(totals.passed)} passed`,
        change(comparison?.passed),
        ` · ${count(totals.failed)} failed`,
        change(comparison?.failed),
        ` · ${count(totals.skipped)} skipped`,
        change(comparison?.skipped),
      ],
    ],
    ['LLM calls', [count(totals.llmCalls), change(comparison?.llmCalls)]],
    [
      'Tokens',
      [
        count(totals.totalTokens),
        change(comparison?.totalTokens),
        ` (${count(totals.promptTokens)} prompt · ${count(totals.completionTokens)} completion)`,
      ],
    ],
    ['Spans', [count(totals.spans)]],
  ]
  for (const name of scoreNames) {
    const mean = Object.hasOwn(totals.scores, name) ? totals.scores[name] : undefined
    if (mean !== undefined)
      stats.push([`${name} (mean)`, [score(mean), change(comparison?.scores[name], score)]])
  }
  return stats
}

/** ` (+3)` after a total that changed from the baseline; nothing otherwise. */
function change(delta: ReportDelta | undefined, show = count): Child {
  return delta === undefined || delta.delta === null || delta.delta === 0
    ? null
    : el('span', { class: 'delta' }, ` (${signed(delta.delta, show)})`)
}

function sessionLine(title: string, facts: ReportSessionFacts): HTMLElement {
  const parts: Child[] = [el('strong', {}, `${title}: `), facts.source]
  if (facts.file !== null) parts.push(' (', el('code', {}, facts.file), ')')
  const time = el('time', {}, when(facts.startedAtMs))
  if (facts.startedAtMs > 0)
    time.setAttribute('datetime', new Date(facts.startedAtMs).toISOString())
  parts.push(' · ', time)
  if (facts.gitCommit !== null)
    parts.push(' · commit ', el('code', {}, shortCommit(facts.gitCommit)))
  if (facts.gitBranch !== null) parts.push(' · branch ', el('code', {}, facts.gitBranch))
  parts.push(` · Vitest ${facts.vitestVersion}`)
  if (!facts.complete)
    parts.push(el('span', { class: 'badge warn' }, 'incomplete: the run was cut short'))
  return el('p', { class: 'session-line' }, ...parts)
}
