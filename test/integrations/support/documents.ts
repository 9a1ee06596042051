import { Document } from 'llamaindex'

/** Three short handbook pages: enough for retrieval to pick one. */
export const HANDBOOK_TEXTS = {
  refunds: 'Refunds are accepted within 30 days of delivery. Refunds go back to the original card.',
  shipping: 'Standard shipping takes five business days. Express shipping arrives the next day.',
  warranty:
    'The warranty covers manufacturing defects for two years. Accidental damage is not covered.',
} as const

export function handbookDocuments(): Document[] {
  return Object.entries(HANDBOOK_TEXTS).map(([id, text]) => new Document({ id_: `${id}.md`, text }))
}
