import type { ReportSpan } from '../report-data.js'
import { el, fill } from './dom.js'
import { movedTo } from './keys.js'
import { spanDetails } from './span-details.js'
import { axisView, spanRowView } from './span-row-view.js'
import { shownSpans, spanTree } from './span-tree-model.js'
import type { SpanTree } from './span-tree-model.js'
import { virtualRows } from './virtual-rows.js'
import type { VirtualRows } from './virtual-rows.js'

const ROW_HEIGHT_PX = 28
const HELP_ID = 'span-tree-help'

/**
 * A test's spans as a collapsible tree, each row with its duration as a bar on the test's time
 * axis (a waterfall); the selected span's attributes, inputs and outputs below. `added`: spans the
 * baseline lacks, by index.
 */
export function spanTreeView(
  spans: readonly ReportSpan[],
  added: ReadonlySet<number>,
  label: string,
): HTMLElement {
  if (spans.length === 0)
    return el('p', { class: 'muted' }, 'No spans: this test recorded no traces.')
  return new SpanTreeView(spans, added, label).element
}

class SpanTreeView {
  readonly element: HTMLElement
  private readonly tree: SpanTree
  private readonly collapsed = new Set<number>()
  private readonly rows: VirtualRows
  private readonly details = el('div', { class: 'span-details-slot' })
  private shown: number[]
  private active = 0

  constructor(
    private readonly spans: readonly ReportSpan[],
    private readonly added: ReadonlySet<number>,
    label: string,
  ) {
    this.tree = spanTree(spans)
    this.shown = shownSpans(this.tree, this.collapsed)
    this.rows = virtualRows(ROW_HEIGHT_PX, (position) => this.row(position), {
      class: 'span-rows',
      role: 'tree',
      tabindex: '0',
      'aria-label': label,
      'aria-describedby': HELP_ID,
    })
    this.rows.element.addEventListener('click', (event) => this.click(event.target as Element))
    this.rows.element.addEventListener('keydown', (event) => {
      if (this.key(event.key)) event.preventDefault()
    })
    this.rows.setCount(this.shown.length)
    this.activate(0)
    const help = 'Arrow keys move through the spans; right and left open and close a span.'
    this.element = el(
      'div',
      { class: 'span-tree' },
      axisView(spans.length, this.tree.axis),
      el('span', { id: HELP_ID, class: 'visually-hidden' }, help),
      this.rows.element,
      this.details,
    )
  }

  private row(position: number): HTMLElement {
    const index = this.shown[position] as number
    return spanRowView(this.spans[index] as ReportSpan, index, {
      parent: this.tree.hasChildren[index] === true,
      open: !this.collapsed.has(index),
      active: index === this.active,
      added: this.added.has(index),
      axis: this.tree.axis,
    })
  }

  private activate(index: number): void {
    this.active = index
    this.rows.element.setAttribute('aria-activedescendant', `span-${index}`)
    this.rows.reveal(this.shown.indexOf(index))
    fill(this.details, spanDetails(this.spans[index] as ReportSpan, this.tree.axis))
  }

  private setOpen(index: number, open: boolean): void {
    if (open) this.collapsed.delete(index)
    else this.collapsed.add(index)
    this.shown = shownSpans(this.tree, this.collapsed)
    this.rows.setCount(this.shown.length)
    this.activate(index)
  }

  private click(target: Element): void {
    const row = target.closest('[data-span]')
    if (row === null) return
    const index = Number(row.getAttribute('data-span'))
    if (target.closest('[data-toggle]') !== null && this.tree.hasChildren[index] === true)
      this.setOpen(index, this.collapsed.has(index))
    else this.activate(index)
    this.rows.element.focus()
  }

  /** Moves or folds for a key, as a tree does; false for a key that does nothing here. */
  private key(key: string): boolean {
    const { active, tree } = this
    const parent = tree.hasChildren[active] === true
    const open = !this.collapsed.has(active)
    const up = tree.parents[active] ?? -1
    if (key === 'ArrowRight' && parent) {
      if (open) this.activate(active + 1)
      else this.setOpen(active, true)
    } else if (key === 'ArrowLeft' && (parent || up >= 0)) {
      if (parent && open) this.setOpen(active, false)
      else this.activate(up)
    } else if ((key === 'Enter' || key === ' ') && parent) this.setOpen(active, !open)
    else return this.move(key)
    return true
  }

  private move(key: string): boolean {
    const page = Math.max(1, Math.floor(this.rows.element.clientHeight / ROW_HEIGHT_PX) - 1)
    const next = movedTo(key, this.shown.indexOf(this.active), this.shown.length, page)
    if (next === undefined) return false
    this.activate(this.shown[next] as number)
    return true
  }
}
