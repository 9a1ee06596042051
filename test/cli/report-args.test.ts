import { describe, expect, it } from 'vitest'
import { parseReportArgs } from '../../src/cli/report-args.js'

describe('parseReportArgs', () => {
  it('takes no session (the newest here) or one, with no baseline and the default file', () => {
    expect(parseReportArgs([])).toEqual({
      ok: true,
      session: undefined,
      baseline: undefined,
      out: undefined,
      where: {},
    })
    expect(parseReportArgs(['s.jsonl'])).toMatchObject({ ok: true, session: 's.jsonl' })
  })

  it('takes each option before or after the session, as --name value or --name=value', () => {
    expect(
      parseReportArgs([
        '--compare',
        'branch:main',
        's',
        '--out=r.html',
        '--project',
        'p',
        '--entity=e',
      ]),
    ).toEqual({
      ok: true,
      session: 's',
      baseline: 'branch:main',
      out: 'r.html',
      where: { project: 'p', entity: 'e' },
    })
    expect(parseReportArgs(['--', '--odd-name'])).toMatchObject({ ok: true, session: '--odd-name' })
  })

  it('says what is wrong with an option without its value, an unknown option or two sessions', () => {
    expect(parseReportArgs(['--compare'])).toEqual({
      ok: false,
      problem: '--compare takes a session to compare with, as diff takes it.',
    })
    expect(parseReportArgs(['--out', '--compare', 'x'])).toEqual({
      ok: false,
      problem: '--out takes the path of the HTML file to write.',
    })
    expect(parseReportArgs(['--format', 'json'])).toEqual({
      ok: false,
      problem: 'unknown option "--format".',
    })
    expect(parseReportArgs(['a', 'b'])).toEqual({
      ok: false,
      problem: 'report shows one session; 2 were given (compare two with --compare <base>).',
    })
  })
})
