import { existsSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'

/** Debian's Chromium, which .ci/run installs when it is missing. */
export const CHROMIUM = process.env['VITEST_WANDB_CHROMIUM'] ?? '/usr/bin/chromium'

/** Headless Chromium; fails with what to install when it is not there. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `The report's browser tests need headless Chromium at ${CHROMIUM}, and it is not there: install it with \`apt-get install -y chromium\` (.ci/run does), or name another with VITEST_WANDB_CHROMIUM.`,
    )
  return chromium.launch({ executablePath: CHROMIUM })
}

/** A page of a report, with every request it made and every error it logged. */
export interface OpenReport {
  readonly page: Page
  /** URLs requested, the report's own file first. */
  readonly requests: string[]
  /** Console errors and uncaught exceptions. */
  readonly errors: string[]
  readonly url: string
}

export async function openReport(
  browser: Browser,
  file: string,
  colorScheme: 'light' | 'dark' = 'light',
): Promise<OpenReport> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme })
  const requests: string[] = []
  const errors: string[] = []
  page.on('request', (request) => requests.push(request.url()))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  const url = pathToFileURL(file).href
  await page.goto(url)
  await page.getByRole('listbox', { name: 'Tests' }).waitFor()
  return { page, requests, errors, url }
}
