import type { ReportData, ReportTest } from '../report-data.js'
import { el, fill } from './dom.js'
import { count, duration, plural, score } from './format.js'
import { movedTo } from './keys.js'
import { listControls } from './list-controls.js'
import { DEFAULT_QUERY, visibleTests } from './list-query.js'
import type { ListQuery } from './list-query.js'
import { virtualRows } from './virtual-rows.js'
import type { VirtualRows } from './virtual-rows.js'

const ROW_HEIGHT_PX = 48
const STATE_MARKS = { passed: '✓', failed: '✗', skipped: '○' } as const

/** The test list: its filters, its sort, and the rows; `onSelect` gets a test's index. */
export function testList(data: ReportData, onSelect: (test: number) => void): HTMLElement {
  return new TestList(data, onSelect).element
}

class TestList {
  readonly element: HTMLElement
  private readonly rows: VirtualRows
  private readonly countLine = el('p', { class: 'list-count', 'aria-live': 'polite' })
  private query: ListQuery = DEFAULT_QUERY
  private shown: number[] = []
  private selected = -1

  constructor(
    private readonly data: ReportData,
    private readonly onSelect: (test: number) => void,
  ) {
    this.rows = virtualRows(ROW_HEIGHT_PX, (position) => this.row(position), {
      class: 'test-rows',
      role: 'listbox',
      tabindex: '0',
      'aria-label': 'Tests',
    })
    this.rows.element.addEventListener('click', (event) => this.click(event.target as Element))
    this.rows.element.addEventListener('keydown', (event) => {
      if (this.key(event.key)) event.preventDefault()
    })
    const controls = listControls(
      data,
      () => this.query,
      (query) => this.apply(query),
    )
    this.apply(this.query)
    this.element = el(
      'section',
      { class: 'test-list', 'aria-label': 'Tests' },
      controls,
      this.countLine,
      this.rows.element,
    )
  }

  private row(position: number): HTMLElement {
    const index = this.shown[position] as number
    const test = this.data.tests[index] as ReportTest
    const change = changeLabel(test)
    const facts = this.facts(test)
    const selected = index === this.selected
    const row = el(
      'div',
      {
        id: `test-${index}`,
        role: 'option',
        class: `test-row ${test.state}${selected ? ' selected' : ''}`,
        'aria-selected': String(selected),
        'aria-label': [test.name, test.state, change, test.file, facts]
          .filter((part) => part !== null)
          .join(', '),
        'data-test': index,
      },
      el('span', { class: `mark ${test.state}`, 'aria-hidden': 'true' }, STATE_MARKS[test.state]),
      el('span', { class: 'test-name' }, test.name),
      change === null ? null : changeBadge(change, test),
      el('span', { class: 'test-meta' }, test.file, ' · ', facts),
    )
    row.title = `${test.file} > ${test.name}${test.error === null ? '' : `\n${test.error}`}`
    return row
  }

  /** Its duration and tokens, and the sorted score when sorting by one. */
  private facts(test: ReportTest): string {
    const parts = [duration(test.durationMs), plural(test.tokens, 'token')]
    const { sort } = this.query
    if (sort.startsWith('score:')) {
      const name = sort.slice('score:'.length)
      const value = Object.hasOwn(test.scores, name) ? test.scores[name] : undefined
      parts.push(`${name} ${value === undefined ? '–' : score(value)}`)
    }
    return parts.join(' · ')
  }

  private select(index: number): void {
    this.selected = index
    this.rows.element.setAttribute('aria-activedescendant', `test-${index}`)
    this.rows.reveal(this.shown.indexOf(index))
    this.onSelect(index)
  }

  private apply(query: ListQuery): void {
    this.query = query
    this.shown = visibleTests(this.data.tests, query)
    fill(this.countLine, `${count(this.shown.length)} of ${plural(this.data.tests.length, 'test')}`)
    if (!this.shown.includes(this.selected))
      this.rows.element.removeAttribute('aria-activedescendant')
    this.rows.setCount(this.shown.length)
  }

  private click(target: Element): void {
    const row = target.closest('[data-test]')
    if (row === null) return
    this.select(Number(row.getAttribute('data-test')))
    this.rows.element.focus()
  }

  private key(key: string): boolean {
    const page = Math.max(1, Math.floor(this.rows.element.clientHeight / ROW_HEIGHT_PX) - 1)
    const next = movedTo(key, this.shown.indexOf(this.selected), this.shown.length, page)
    if (next === undefined) return false
    this.select(this.shown[next] as number)
    return true
  }
}

/** `changed`, `new` or `removed` when comparing and the test changed; null otherwise. */
function changeLabel(test: ReportTest): string | null {
  const change = test.change
  if (change === null || change.kinds.length === 0) return null
  return change.presence === 'head' ? 'new' : change.presence === 'base' ? 'removed' : 'changed'
}

function changeBadge(label: string, test: ReportTest): HTMLElement {
  const badge = el('span', { class: `badge change ${label}` }, label)
  badge.title = test.change?.kinds.join(', ') ?? ''
  return badge
}
