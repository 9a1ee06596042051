import { createHash } from 'node:crypto'
import { escapeHtml, scriptJson, scriptText } from './embed.js'
import { DATA_ELEMENT_ID } from './report-data.js'
import type { ReportData } from './report-data.js'
import { PAGE_STYLE } from './page-style.js'

/**
 * The whole report as one HTML file: styles, script and data inline. Its content security
 * policy allows only that script and those styles and forbids every request, so the page works
 * from disk and nothing in it can load or send anything.
 */
export function renderReportHtml(data: ReportData, pageScript: string): string {
  const script = scriptText(pageScript)
  const policy = [
    "default-src 'none'",
    `script-src '${sha256(script)}'`,
    `style-src '${sha256(PAGE_STYLE)}'`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')
  const title = `Test session report · ${data.session.source}`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="vitest-wandb">
<title>${escapeHtml(title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<div id="app"><noscript>This report needs JavaScript to show its tests.</noscript></div>
<script type="application/json" id="${DATA_ELEMENT_ID}">${scriptJson(data)}</script>
<script>${script}</script>
</body>
</html>
`
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`
}
