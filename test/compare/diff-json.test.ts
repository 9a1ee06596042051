import { describe, expect, it } from 'vitest'
import { CHANGE_KINDS } from '../../src/compare/comparison.js'
import { formatJson } from '../../src/compare/diff-json.js'
import type { DiffJson } from '../../src/compare/diff-json.js'
import type { DiffJson as PublicDiffJson } from '../../src/index.js'
import { documentedShape, shapeProblems } from './support/documented-shape.js'
import { exampleComparison } from './support/example-comparison.js'

describe('formatJson', () => {
  const json = JSON.parse(formatJson(exampleComparison())) as DiffJson

  it('prints version 1 first, then the comparison as it is', () => {
    expect(Object.keys(json)).toEqual([
      'version',
      'base',
      'head',
      'options',
      'summary',
      'regressions',
      'tests',
    ])
    expect(json.version).toBe(1)
    expect(json).toEqual({ version: 1, ...exampleComparison() })
  })

  it('matches the shape docs/diff-json.md documents, every documented field included', () => {
    expect(documentedShape().fields.size).toBeGreaterThan(40)
    expect(shapeProblems(json, true)).toEqual([])
  })

  it('finds fields the documentation lacks, and values of another type', () => {
    const [first, ...rest] = json.tests
    const changed = {
      ...json,
      extra: 1,
      tests: [{ ...first, flaky: { base: 'yes', head: null } }, ...rest],
    }
    expect(shapeProblems(changed, false)).toEqual([
      'tests[].flaky.base is "yes", documented as boolean | null',
      'extra is not documented',
    ])
  })

  it('lists every change kind the comparison knows in the documentation', () => {
    expect([...documentedShape().kinds]).toEqual([...CHANGE_KINDS])
  })

  it('is exported as the package type DiffJson', () => {
    const typed: PublicDiffJson = json
    expect(typed.version).toBe(1)
  })
})
