import type { ReportSpan } from '../report-data.js'
import { el } from './dom.js'
import { count, duration } from './format.js'
import type { SpanTree } from './span-tree-model.js'
import { valueView } from './value-view.js'

/** One span's facts, attributes, inputs and outputs, shown when it is selected. */
export function spanDetails(span: ReportSpan, axis: SpanTree['axis']): HTMLElement {
  const facts: [string, string][] = [['Kind', span.kind ?? 'none']]
  facts.push(['Status', span.status ?? 'unknown'])
  if (axis !== null && span.startMs !== null)
    facts.push(['Starts at', `+${duration(span.startMs - axis.startMs)}`])
  if (span.startMs !== null && span.endMs !== null)
    facts.push(['Duration', duration(span.endMs - span.startMs)])
  if (span.tokens !== null) facts.push(['Tokens', count(span.tokens)])
  if (span.judge) facts.push(['Trace', "a judge's (a score's evaluator)"])
  const sections: HTMLElement[] = []
  if (span.attributes !== null && Object.keys(span.attributes).length > 0)
    sections.push(section('Attributes', valueView(span.attributes)))
  span.results.forEach((result, index) => {
    const suffix = span.results.length > 1 ? ` (result ${index + 1})` : ''
    sections.push(section(`Inputs${suffix}`, valueView(result.inputs)))
    sections.push(section(`Outputs${suffix}`, valueView(result.outputs)))
  })
  if (span.results.length === 0) sections.push(el('p', { class: 'muted' }, 'No inputs or outputs.'))
  return el(
    'div',
    { class: 'span-details' },
    el('h4', {}, span.name === '' ? '(unnamed span)' : span.name),
    span.status === 'ERROR'
      ? el('p', { class: 'error-box' }, span.message ?? 'This span ended in an error.')
      : null,
    el(
      'dl',
      { class: 'facts' },
      ...facts.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value)]),
    ),
    ...sections,
  )
}

function section(title: string, body: HTMLElement): HTMLElement {
  return el('section', { class: 'payload' }, el('h5', {}, title), body)
}
