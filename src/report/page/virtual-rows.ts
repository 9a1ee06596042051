import { el } from './dom.js'

/** Rows drawn beyond the visible ones, above and below, so scrolling shows no gap. */
const OVERSCAN_ROWS = 8
/** Rows drawn before the container has a height (not laid out yet). */
const ROWS_WITHOUT_HEIGHT = 60

export interface VirtualRows {
  /** The scrolling element: give it a role, a label and a height. */
  readonly element: HTMLElement
  setCount(count: number): void
  /** Draws the rows in view again (after what they show has changed). */
  redraw(): void
  /** Scrolls the least that brings row `index` into view. */
  reveal(index: number): void
}

/**
 * A long list of rows of one height that draws only those in view, so 5,000 tests or a
 * 2,000-span trace cost as much as a screenful.
 */
export function virtualRows(
  rowHeight: number,
  drawRow: (index: number) => HTMLElement,
  attributes: Readonly<Record<string, string>>,
): VirtualRows {
  const slab = el('div', { class: 'rows-window', role: 'presentation' })
  const spacer = el('div', { class: 'rows-spacer', role: 'presentation' }, slab)
  const element = el('div', { ...attributes, class: `rows ${attributes['class'] ?? ''}` }, spacer)
  let count = 0
  let pending = false

  const redraw = (): void => {
    pending = false
    const height = element.clientHeight
    const first = Math.max(0, Math.floor(element.scrollTop / rowHeight) - OVERSCAN_ROWS)
    const inView = height > 0 ? Math.ceil(height / rowHeight) : ROWS_WITHOUT_HEIGHT
    const last = Math.min(count, first + inView + 2 * OVERSCAN_ROWS)
    const rows: HTMLElement[] = []
    for (let index = first; index < last; index += 1) {
      const row = drawRow(index)
      row.style.height = `${rowHeight}px`
      rows.push(row)
    }
    slab.style.transform = `translateY(${first * rowHeight}px)`
    slab.replaceChildren(...rows)
  }
  element.addEventListener('scroll', () => {
    if (pending) return
    pending = true
    requestAnimationFrame(redraw)
  })
  return {
    element,
    setCount(next) {
      count = next
      spacer.style.height = `${count * rowHeight}px`
      redraw()
    },
    redraw,
    reveal(index) {
      const top = index * rowHeight
      if (top < element.scrollTop) element.scrollTop = top
      else if (top + rowHeight > element.scrollTop + element.clientHeight)
        element.scrollTop = top + rowHeight - element.clientHeight
      redraw()
    },
  }
}
