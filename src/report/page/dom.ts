/** What an element can hold: nodes, and text (always as text, never parsed as markup). */
export type Child = Node | string | null | undefined | false

type Attributes = Readonly<Record<string, string | number | boolean | null | undefined>>

/**
 * Makes an element: `class` sets its classes, other attributes are set as given (none set when
 * null, undefined or false), children are appended with text as text nodes. The page builds all
 * of its markup this way, so no value from a session is ever read as HTML.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue
    if (name.startsWith('on')) throw new Error(`set ${name} as a listener, not an attribute`)
    if (name === 'class') element.className = String(value)
    else element.setAttribute(name, value === true ? '' : String(value))
  }
  append(element, children)
  return element
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child)
  }
}

/** Replaces what `parent` holds. */
export function fill(parent: Node, ...children: Child[]): void {
  parent.textContent = ''
  append(parent, children)
}

/** Text that screen readers read and the eye does not see. */
export function hidden(text: string): HTMLElement {
  return el('span', { class: 'visually-hidden' }, text)
}
