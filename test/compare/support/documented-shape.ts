import { readFileSync } from 'node:fs'

const DOC = new URL('../../../docs/diff-json.md', import.meta.url)

/** Objects whose keys are names (scores) or change kinds rather than fixed fields. */
const KEYED_BY_NAME = new Set(['summary.scores', 'tests[].scores'])
const KEYED_BY_KIND = new Set(['summary.changes'])
/** Arrays of strings, whose items have no row of their own. */
const STRING_ARRAYS = new Set(['tests[].change', 'tests[].outline.diff[].lines'])

export interface DocumentedShape {
  /** Field path (`tests[].outline.diff`) → its documented type (`array | null`). */
  readonly fields: ReadonlyMap<string, string>
  readonly kinds: ReadonlySet<string>
}

/** Reads the field and change-kind tables of docs/diff-json.md. */
export function documentedShape(): DocumentedShape {
  const fields = new Map<string, string>()
  const kinds = new Set<string>()
  for (const line of readFileSync(DOC, 'utf8').split('\n')) {
    const cells = line.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|'))
    const [, first, second] = cells
    if (first === undefined || second === undefined || !first.startsWith('`')) continue
    const names = [...first.matchAll(/`([^`]+)`/g)].map((match) => match[1] as string)
    if (cells.length === 4) {
      kinds.add(names[0] as string)
      continue
    }
    const head = names[0] as string
    for (const name of names) {
      const path = name.startsWith('.') ? `${head.slice(0, head.lastIndexOf('.'))}${name}` : name
      fields.set(path, second)
    }
  }
  return { fields, kinds }
}

/**
 * Every way `json` departs from the documented shape: fields without a row, values of another
 * type, and (`complete`) documented fields the value never shows.
 */
export function shapeProblems(json: unknown, complete: boolean): string[] {
  const shape = documentedShape()
  const problems: string[] = []
  const seen = new Set<string>()
  const visit = (value: unknown, path: string): void => {
    const documented = path.replace(/^head\./, 'base.').replace(/^head$/, 'base')
    const type = shape.fields.get(documented)
    if (type !== undefined) seen.add(documented)
    if (type !== undefined && !typeMatches(value, type)) {
      problems.push(`${path} is ${JSON.stringify(value)}, documented as ${type}`)
      return
    }
    if (type?.startsWith('delta')) return
    if (Array.isArray(value)) {
      const itemPath = `${documented}[]`
      if (STRING_ARRAYS.has(documented)) {
        for (const item of value)
          if (typeof item !== 'string') problems.push(`${path} holds ${JSON.stringify(item)}`)
        if (documented === 'tests[].change')
          for (const kind of value)
            if (!shape.kinds.has(kind)) problems.push(`${path} holds an undocumented kind ${kind}`)
      } else value.forEach((item) => visit(item, itemPath))
      return
    }
    if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (KEYED_BY_KIND.has(documented) && !shape.kinds.has(key))
          problems.push(`${path}.${key} is not a documented change kind`)
        const name = KEYED_BY_NAME.has(documented)
          ? '<name>'
          : KEYED_BY_KIND.has(documented)
            ? '<kind>'
            : key
        visit(child, path === '' ? name : `${path}.${name}`)
      }
      return
    }
    if (type === undefined) problems.push(`${path} is not documented`)
  }
  visit(json, '')
  if (complete)
    for (const path of shape.fields.keys())
      if (!seen.has(path) && !['base', 'head'].includes(path))
        problems.push(`${path} is documented but was not in the output`)
  return problems
}

function typeMatches(value: unknown, type: string): boolean {
  if (type === 'delta' || type === 'delta (nullable)') {
    const nullable = type !== 'delta'
    if (typeof value !== 'object' || value === null) return false
    const keys = Object.keys(value).sort().join(',')
    const numbers = Object.values(value).every(
      (each) => typeof each === 'number' || (nullable && each === null),
    )
    return keys === 'base,delta,head' && numbers
  }
  return type.split('|').some((option) => {
    const wanted = option.trim()
    if (wanted === 'null') return value === null
    if (wanted === 'array') return Array.isArray(value)
    if (wanted === 'object')
      return typeof value === 'object' && value !== null && !Array.isArray(value)
    return typeof value === wanted
  })
}
