import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeSessionReport } from '../../src/report/write-session-report.js'
import { record, span, trace, writeSessionFile } from '../compare/support/sessions.js'
import { launchChromium, openReport } from './support/browser.js'
import type { OpenReport } from './support/browser.js'
import {
  exampleSession,
  fixtureSessions,
  testNames,
  writeReport,
} from './support/report-sessions.js'

/** Where the screenshots go: a test artifact, ignored by git. */
const ARTIFACTS = resolve(import.meta.dirname, '../../.e2e-work/report-artifacts')
const TRACED =
  'the handbook assistant > traces retrieval, synthesis and the LLM call under the query'
const GIFT_CARDS =
  'the handbook assistant > knows nothing about gift cards (expected to fail: the model errors)'
const REFUNDS = 'the handbook assistant > answers about refunds'
const SHIPPING = 'the handbook assistant > answers about shipping'

let browser: Browser
let example: { file: string; names: string[] }
let compared: string
const opened: OpenReport[] = []

beforeAll(async () => {
  browser = await launchChromium()
  const [suite, fixture] = await Promise.all([exampleSession(), fixtureSessions()])
  example = {
    file: await writeReport(suite.dir, ['--out', 'report.html']),
    names: testNames(join(suite.dir, suite.session)),
  }
  compared = await writeReport(fixture.dir, [
    fixture.head,
    '--compare',
    fixture.base,
    '--out',
    'compared.html',
  ])
}, 180_000)

afterAll(async () => {
  await browser?.close()
})

async function open(file: string, colorScheme: 'light' | 'dark' = 'light'): Promise<OpenReport> {
  const report = await openReport(browser, file, colorScheme)
  opened.push(report)
  return report
}

/** Clicks the test named `name` in the list and waits for its trace. */
async function selectTest(page: Page, name: string): Promise<void> {
  await page
    .getByRole('listbox', { name: 'Tests' })
    .getByRole('option', { name: new RegExp(`^${escapeRegExp(name)},`) })
    .click()
  await expect.poll(() => page.locator('#detail-title').textContent()).toBe(name)
  await page.locator('.trace').waitFor()
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

const tests = (page: Page) => page.getByRole('listbox', { name: 'Tests' }).getByRole('option')

/** A computed style of the first element `selector` finds (the test runs without DOM types). */
const styleOf = (page: Page, selector: string, property: string): Promise<string> =>
  page.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).${property}`)

const treeRows = (page: Page): Promise<string[]> =>
  page.getByRole('treeitem').evaluateAll((rows) => rows.map((row) => row.textContent ?? ''))

describe('the report of the example suite, in headless Chromium', () => {
  it('lists every test of the session', async () => {
    const { page } = await open(example.file)
    expect(example.names).toHaveLength(10)
    await expect.poll(() => page.locator('.list-count').textContent()).toBe('10 of 10 tests')
    const listed = await tests(page).evaluateAll((rows) =>
      rows.map((row) => row.querySelector('.test-name')?.textContent),
    )
    expect(listed).toEqual(example.names)
    await expect
      .poll(() => page.locator('.summary').textContent())
      .toMatch(/Tests10 · 10 passed · 0 failed · 0 skipped/)
  })

  it("shows a test's spans by name and kind when it is clicked, and a span's inputs when chosen", async () => {
    const { page } = await open(example.file)
    await selectTest(page, TRACED)
    expect(await treeRows(page)).toEqual([
      expect.stringMatching(/^▾AGENTquery/),
      expect.stringMatching(/^▾TOOLretrieve/),
      expect.stringMatching(/^–embedding/),
      expect.stringMatching(/^▾CHAINsynthesize/),
      expect.stringMatching(/^–chunking/),
      expect.stringMatching(/^–chunking/),
      expect.stringMatching(/^LLMllm132 tok/),
    ])
    await page.getByRole('treeitem', { name: /retrieve/ }).click()
    const details = page.locator('.span-details')
    await expect.poll(() => details.locator('h4').textContent()).toBe('retrieve')
    expect(await details.textContent()).toContain(
      'query_str: How many days do I have to ask for a refund?',
    )
    await mkdirSync(ARTIFACTS, { recursive: true })
    await page.screenshot({ path: join(ARTIFACTS, 'example-report.png') })
  })

  it('moves through the list and the tree with the keyboard', async () => {
    const { page } = await open(example.file)
    const list = page.getByRole('listbox', { name: 'Tests' })
    await list.focus()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => page.locator('#detail-title').textContent()).toBe(example.names[1])
    await page.keyboard.press('End')
    await expect.poll(() => page.locator('#detail-title').textContent()).toBe(example.names[9])
    expect(await list.getAttribute('aria-activedescendant')).toBe('test-9')
    await selectTest(page, TRACED)
    const tree = page.getByRole('tree')
    await tree.focus()
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => page.locator('.span-details h4').textContent()).toBe('retrieve')
    const rows = page.getByRole('treeitem')
    await page.keyboard.press('ArrowLeft') // closes retrieve
    await expect.poll(() => rows.count()).toBe(6)
    expect(await rows.nth(1).getAttribute('aria-expanded')).toBe('false')
    await page.keyboard.press('ArrowLeft') // up to query
    await expect.poll(() => page.locator('.span-details h4').textContent()).toBe('query')
    await page.keyboard.press('ArrowLeft') // closes query
    await expect.poll(() => rows.count()).toBe(1)
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight') // opens query, then down to retrieve
    await page.keyboard.press('ArrowRight') // opens retrieve
    await expect.poll(() => rows.count()).toBe(7)
    expect(await page.locator('.span-details h4').textContent()).toBe('retrieve')
    expect(await tree.getAttribute('aria-activedescendant')).toBe('span-1')
  })

  it('makes spans that ended in an error stand out, with their message', async () => {
    const { page } = await open(example.file)
    await selectTest(page, GIFT_CARDS)
    const failed = page.locator('.span-row.error')
    expect(await failed.count()).toBeGreaterThan(0)
    expect(await failed.first().textContent()).toContain(
      '✗ query did not end before its trace ended',
    )
    expect(await styleOf(page, '.span-row.error .span-name', 'color')).not.toBe(
      await styleOf(page, '.span-row:not(.error) .span-name', 'color'),
    )
  })

  it('filters the list by text and by outcome, and sorts it by tokens', async () => {
    const { page } = await open(example.file)
    const refunds = example.names.filter((name) => /refund/i.test(name))
    expect(refunds.length).toBeGreaterThan(1)
    await page.getByRole('searchbox').fill('REFUND')
    await expect
      .poll(() => page.locator('.list-count').textContent())
      .toBe(`${refunds.length} of 10 tests`)
    expect(await tests(page).allTextContents()).toEqual(
      refunds.map((name) => expect.stringContaining(name)),
    )
    await page.getByRole('searchbox').fill('')
    await page.getByLabel('Outcome').selectOption('failed')
    await expect.poll(() => page.locator('.list-count').textContent()).toBe('0 of 10 tests')
    await page.getByLabel('Outcome').selectOption('all')
    await page.getByLabel('Sort by').selectOption('tokens')
    const first = tests(page).first().locator('.test-name')
    await expect.poll(() => first.textContent()).toMatch(/splits a two-part question/)
  })

  it('follows the light or dark colour scheme the reader prefers', async () => {
    const colours = async (scheme: 'light' | 'dark'): Promise<string[]> => {
      const { page } = await open(example.file, scheme)
      return [await styleOf(page, 'body', 'backgroundColor'), await styleOf(page, 'body', 'color')]
    }
    expect(await colours('light')).toEqual(['rgb(255, 255, 255)', 'rgb(31, 35, 40)'])
    expect(await colours('dark')).toEqual(['rgb(13, 17, 23)', 'rgb(230, 237, 243)'])
  })
})

describe('the report of a session compared with its baseline, in headless Chromium', () => {
  it("shows a failed test's error", async () => {
    const { page } = await open(compared)
    await page.getByLabel('Outcome').selectOption('failed')
    await expect.poll(() => page.locator('.list-count').textContent()).toBe('1 of 5 tests')
    await selectTest(page, SHIPPING)
    const error = page.locator('.test-error')
    await error.waitFor()
    expect(await error.textContent()).toContain(
      "AssertionError: expected 'no idea' to be '30 days'",
    )
    expect(await error.isVisible()).toBe(true)
  })

  it('marks the span the new session added, beside the baseline outline, with the token change', async () => {
    const { page } = await open(compared)
    await page.getByLabel('Outcome').selectOption('changed')
    await selectTest(page, REFUNDS)
    const added = page.locator('.outline-table td.added')
    expect(await added.allTextContents()).toEqual(['+added: ├─ reranking (CHAIN)'])
    expect(await page.locator('.outline-table td.removed').count()).toBe(0)
    expect(await page.locator('.span-row', { hasText: 'reranking' }).textContent()).toContain(
      '+ added',
    )
    expect(await page.locator('.deltas').textContent()).toContain('Tokens1015+5')
    await page.screenshot({ path: join(ARTIFACTS, 'compared-report.png') })
  })
})

describe('a report of hostile names and payloads, in headless Chromium', () => {
  it('shows them as text and runs none of them', async () => {
    const hostile =
      '</script><script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">'
    const dir = mkdtempSync(join(tmpdir(), 'hostile-report-'))
    const llm = {
      ...span(hostile, 'LLM'),
      results: [{ inputs: { messages: hostile }, outputs: null }],
    }
    const session = writeSessionFile(join(dir, 'session.jsonl'), [
      record(hostile, { state: 'failed', error: hostile, traces: [trace(llm)] }),
    ])
    const written = await writeSessionReport({ session, out: join(dir, 'report.html') })
    if (!written.ok) throw new Error(written.reason)
    const { page } = await open(written.value)
    await selectTest(page, hostile)
    expect(await page.locator('.test-error').textContent()).toBe(`Error: ${hostile}`)
    expect(await page.locator('.span-name').first().textContent()).toBe(hostile)
    expect(await page.locator('.span-details').textContent()).toContain(`messages: ${hostile}`)
    expect(await page.evaluate('typeof window.pwned')).toBe('undefined')
    expect(await page.locator('img').count()).toBe(0)
  })
})

describe('every report page opened', () => {
  it('made no request but for its own file, and logged no error', () => {
    expect(opened.length).toBeGreaterThanOrEqual(9)
    for (const report of opened) {
      expect(report.requests).toEqual([report.url])
      expect(report.errors).toEqual([])
    }
  })
})
