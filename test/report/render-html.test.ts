import { createHash } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildReportData } from '../../src/report/build-report-data.js'
import { PAGE_SCRIPT } from '../../src/report/page-script.js'
import type { ReportData } from '../../src/report/report-data.js'
import { renderReportHtml } from '../../src/report/render-html.js'
import { record, span, trace, writeSessionFile } from '../compare/support/sessions.js'
import { detailOf } from './support/details.js'

const HOSTILE =
  '</script><script>window.pwned = 1</script><!-- <img src=x onerror="window.pwned=2">'
const LONG = 'long '.repeat(40_000)

async function hostileReport(): Promise<{ data: ReportData; html: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'report-html-'))
  const llm = {
    ...span(HOSTILE, 'LLM'),
    results: [{ inputs: { messages: HOSTILE, [HOSTILE]: LONG }, outputs: { response: HOSTILE } }],
  }
  const file = writeSessionFile(join(dir, 'session.jsonl'), [
    record(HOSTILE, {
      file: `${HOSTILE}.test.ts`,
      state: 'failed',
      error: HOSTILE,
      traces: [trace(llm)],
    }),
  ])
  const data = await buildReportData({ file, source: `${HOSTILE}"'` })
  if (!data.ok) throw new Error(data.reason)
  return { data: data.value, html: renderReportHtml(data.value, PAGE_SCRIPT) }
}

/** The text of each element `<tag …>…</tag>` of the page, as an HTML parser splits it. */
function elements(html: string, tag: string): { open: string; text: string }[] {
  return [...html.matchAll(new RegExp(`(<${tag}\\b[^>]*>)([\\s\\S]*?)</${tag}`, 'gi'))].map(
    (match) => ({ open: match[1] ?? '', text: match[2] ?? '' }),
  )
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64')

describe('renderReportHtml', () => {
  it('keeps names and payloads that hold </script>, comments and HTML inside the data element', async () => {
    const { data, html } = await hostileReport()
    const scripts = elements(html, 'script')
    expect(scripts.map((each) => each.open)).toEqual([
      '<script type="application/json" id="report-data">',
      '<script>',
    ])
    expect(html.match(/<\/script/gi)).toHaveLength(2)
    expect(html).not.toContain('<!--')
    expect(html).not.toContain('<img')
    expect(JSON.parse(scripts[0]?.text ?? '')).toEqual(data)
  })

  it('keeps every character of the payloads, however long, for the page to fold', async () => {
    const { data } = await hostileReport()
    const [llm] = detailOf(data, HOSTILE).spans
    expect(llm?.name).toBe(HOSTILE)
    expect(llm?.results[0]?.inputs).toEqual({ messages: HOSTILE, [HOSTILE]: LONG })
    expect(data.tests[0]?.error).toBe(HOSTILE)
  })

  it('escapes the title, and allows only its own script and style and no request at all', async () => {
    const { html } = await hostileReport()
    const title = elements(html, 'title')[0]?.text ?? ''
    expect(title).not.toMatch(/[<>"']/)
    expect(title).toContain('&lt;/script&gt;')
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1]
    const script = elements(html, 'script')[1]?.text ?? ''
    const style = elements(html, 'style')[0]?.text ?? ''
    expect(policy?.split('; ')).toEqual([
      "default-src 'none'",
      `script-src 'sha256-${sha256(script)}'`,
      `style-src 'sha256-${sha256(style)}'`,
      "img-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
    ])
  })

  it('loads nothing from outside the file: no links, sources or imports in the markup', async () => {
    const { html } = await hostileReport()
    const markup = html
      .replace(/<script[\s\S]*?<\/script>/gi, '')
      .replace(/<style>[\s\S]*?<\/style>/, '')
      .replace(/<title>.*<\/title>/, '')
    expect(markup).not.toMatch(/\b(src|href)=|<link|@import|url\(/i)
    expect(elements(html, 'style')[0]?.text).not.toMatch(/@import|url\(|@font-face/i)
  })
})

describe('the page script', () => {
  it('builds markup from text only and has no way to make a request', () => {
    expect(PAGE_SCRIPT.length).toBeGreaterThan(1_000)
    for (const banned of [
      'innerHTML',
      'outerHTML',
      'insertAdjacentHTML',
      'document.write',
      'eval(',
      'Function(',
      'fetch(',
      'XMLHttpRequest',
      'WebSocket',
      'sendBeacon',
      'import(',
    ])
      expect(PAGE_SCRIPT, banned).not.toContain(banned)
  })

  it('is small', () => {
    expect(PAGE_SCRIPT.length).toBeLessThan(40_000)
  })
})
