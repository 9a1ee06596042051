import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { record, writeSessionFile } from '../compare/support/sessions.js'
import { runCli } from './support/run-cli.js'

describe('the built vitest-wandb report', () => {
  it('reports the newest session of the project it runs in, to .vitest-wandb/report.html', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-cli-'))
    writeSessionFile(join(dir, '.vitest-wandb', 'session-20260101-120000-aa.jsonl'), [
      record('old'),
    ])
    writeSessionFile(join(dir, '.vitest-wandb', 'session-20260102-120000-bb.jsonl'), [
      record('new'),
    ])
    const ran = await runCli(['report'], dir)
    expect(ran).toMatchObject({
      code: 0,
      stdout: `${join('.vitest-wandb', 'report.html')}\n`,
      stderr: '',
    })
    const html = readFileSync(join(dir, '.vitest-wandb', 'report.html'), 'utf8')
    expect(html).toContain('"name":"new"')
    expect(html).not.toContain('"name":"old"')
  })

  it('says what to do, and exits 2, where there is no session to report', async () => {
    const ran = await runCli(['report'], mkdtempSync(join(tmpdir(), 'report-cli-')))
    expect(ran.code).toBe(2)
    expect(ran.stdout).toBe('')
    expect(ran.stderr).toBe(
      'vitest-wandb report: session: no session was named and there is no .vitest-wandb/ here; run Vitest with the vitest-wandb plugin first, or name a session.\n',
    )
  })
})
