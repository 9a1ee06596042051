import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseDiffArgs } from '../../src/cli/diff-args.js'

describe('parseDiffArgs', () => {
  it('takes base and head, with text, no failing and the default tolerance', () => {
    expect(parseDiffArgs(['a.jsonl', 'b.jsonl'])).toEqual({
      ok: true,
      base: 'a.jsonl',
      head: 'b.jsonl',
      format: 'text',
      failOnRegression: false,
      scoreTolerance: 0.02,
      where: {},
    })
  })

  it('takes each option before, between or after the inputs, as --name value or --name=value', () => {
    expect(
      parseDiffArgs([
        '--format',
        'json',
        'a',
        '--fail-on-regression',
        'b',
        '--score-tolerance=0.1',
      ]),
    ).toEqual({
      ok: true,
      base: 'a',
      head: 'b',
      format: 'json',
      failOnRegression: true,
      scoreTolerance: 0.1,
      where: {},
    })
    expect(parseDiffArgs(['--format=markdown', 'a', 'b'])).toMatchObject({ format: 'markdown' })
    expect(parseDiffArgs(['--project', 'evals', 'a', '--entity=team', 'b'])).toMatchObject({
      where: { project: 'evals', entity: 'team' },
    })
    expect(parseDiffArgs(['a', 'b', '--project'])).toEqual({
      ok: false,
      problem: '--project takes a W&B project name.',
    })
    expect(parseDiffArgs(['a', 'b', '--score-tolerance', '0'])).toMatchObject({ scoreTolerance: 0 })
  })

  it('takes everything after -- as inputs', () => {
    expect(parseDiffArgs(['--', '--format', '-'])).toMatchObject({ base: '--format', head: '-' })
  })

  it('refuses a wrong number of inputs, saying how many were given', () => {
    expect(parseDiffArgs([])).toEqual({
      ok: false,
      problem: 'diff compares two sessions, <base> and <head>; none was given.',
    })
    expect(parseDiffArgs(['a'])).toMatchObject({
      problem: expect.stringContaining('; one was given.'),
    })
    expect(parseDiffArgs(['a', 'b', 'c'])).toMatchObject({
      problem: expect.stringContaining('; 3 were given.'),
    })
  })

  it('refuses an unknown option, format or tolerance, naming the value', () => {
    expect(parseDiffArgs(['--colour', 'a', 'b'])).toEqual({
      ok: false,
      problem: 'unknown option "--colour".',
    })
    expect(parseDiffArgs(['--format', 'html', 'a', 'b'])).toEqual({
      ok: false,
      problem: '--format takes text, markdown or json; "html" is not one.',
    })
    expect(parseDiffArgs(['a', 'b', '--format'])).toEqual({
      ok: false,
      problem: '--format takes text, markdown or json; nothing was given.',
    })
    for (const value of ['-0.1', 'x', '', 'Infinity', 'NaN'])
      expect(parseDiffArgs(['--score-tolerance', value, 'a', 'b'])).toEqual({
        ok: false,
        problem: `--score-tolerance takes a number from 0 up, e.g. --score-tolerance 0.05; "${value}" is not one.`,
      })
  })

  it('accepts any tolerance from 0 up', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), (tolerance) => {
        const parsed = parseDiffArgs([`--score-tolerance=${tolerance}`, 'a', 'b'])
        expect(parsed).toMatchObject({ ok: true, scoreTolerance: tolerance === 0 ? 0 : tolerance })
      }),
    )
  })
})
