import { existsSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import puppeteer from 'puppeteer-core'
import type { Browser, Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixtureSessions, writeReport } from './support/report-sessions.js'

/** Debian's Firefox ESR, which .ci/run installs when it is missing; driven over WebDriver BiDi. */
const FIREFOX = process.env['VITEST_WANDB_FIREFOX'] ?? '/usr/bin/firefox-esr'
const SHIPPING = 'the handbook assistant > answers about shipping'
const REFUNDS = 'the handbook assistant > answers about refunds'

let browser: Browser
let compared: string

beforeAll(async () => {
  if (!existsSync(FIREFOX))
    throw new Error(
      `The report's Firefox test needs Firefox at ${FIREFOX}, and it is not there: install it with \`apt-get install -y firefox-esr\` (.ci/run does), or name another with VITEST_WANDB_FIREFOX.`,
    )
  browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true })
  const fixture = await fixtureSessions()
  compared = await writeReport(fixture.dir, [
    fixture.head,
    '--compare',
    fixture.base,
    '--out',
    'firefox.html',
  ])
}, 180_000)

afterAll(async () => {
  await browser?.close()
})

/** Clicks the test whose option starts with `name` and waits for its detail. */
async function selectTest(page: Page, name: string): Promise<void> {
  const options = await page.$$('[role="option"]')
  for (const option of options) {
    const text = await option.evaluate((element) => element.textContent ?? '')
    if (text.includes(name)) {
      await option.evaluate((element) => (element as unknown as { click(): void }).click())
      // Polled from here: the page's content security policy forbids the eval waitForFunction needs.
      await expect
        .poll(() => page.$eval('#detail-title', (element) => element.textContent))
        .toBe(name)
      return
    }
  }
  throw new Error(`no test ${name} in the list`)
}

describe('the report in Firefox', () => {
  it('lists the tests, shows a failed test with its error and the span the new session added, with no request or error', async () => {
    const page = await browser.newPage()
    const requests: string[] = []
    const errors: string[] = []
    page.on('request', (request) => requests.push(request.url()))
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    page.on('pageerror', (error) => errors.push(String(error)))
    const url = pathToFileURL(compared).href
    await page.goto(url)
    await page.waitForSelector('[role="listbox"][aria-label="Tests"] [role="option"]')
    const listed = await page.$$eval('[role="option"]', (options) => options.length)
    expect(listed).toBe(5)

    await selectTest(page, SHIPPING)
    await page.waitForSelector('.test-error')
    expect(await page.$eval('.test-error', (element) => element.textContent)).toContain(
      "AssertionError: expected 'no idea' to be '30 days'",
    )

    await selectTest(page, REFUNDS)
    await page.waitForSelector('.outline-table td.added')
    expect(
      await page.$$eval('.outline-table td.added', (cells) =>
        cells.map((cell) => cell.textContent),
      ),
    ).toEqual(['+added: ├─ reranking (CHAIN)'])
    expect(await page.$$eval('[role="treeitem"]', (rows) => rows.length)).toBeGreaterThan(2)

    // Firefox loads a font of its own from a data: URL; nothing may go to a network or another file.
    expect(requests.filter((request) => request !== url && !request.startsWith('data:'))).toEqual(
      [],
    )
    expect(errors).toEqual([])
  })
})
