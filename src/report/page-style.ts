/** The report page's styles: system fonts, light and dark colour schemes, no external resources. */
export const PAGE_STYLE = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa;
  --accent: #0969da; --selected: #ddf4ff; --pass: #1a7f37; --fail: #cf222e; --skip: #7d4e00;
  --error-bg: #ffebe9; --error-line: #ff818266; --added-bg: #dafbe1; --removed-bg: #ffebe9;
  --bar: #54aeff; --bar-error: #fa4549; --badge: #eff2f5;
  --llm: #8250df; --chain: #0969da; --agent: #bf3989; --tool: #1a7f37;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --panel: #151b23;
    --accent: #4493f8; --selected: #1f3a5f; --pass: #3fb950; --fail: #ff7b72; --skip: #d29922;
    --error-bg: #2d1517; --error-line: #f8514966; --added-bg: #12361f; --removed-bg: #3c1618;
    --bar: #1f6feb; --bar-error: #da3633; --badge: #262c36;
    --llm: #ab7df8; --chain: #4493f8; --agent: #f778ba; --tool: #3fb950;
  }
}
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body {
  background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
code, .json-string, .json-text, .outline-table, .error-box, .span-tokens, .took, .kind {
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
}
#app { display: flex; flex-direction: column; height: 100vh; }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap;
}
.muted { color: var(--muted); }
button, select, input { font: inherit; color: inherit; background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 3px 8px; }
button { cursor: pointer; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.summary { padding: 10px 16px; border-bottom: 1px solid var(--line); background: var(--panel); }
.summary h1 { font-size: 18px; margin: 0 0 4px; }
.session-line { margin: 2px 0; color: var(--muted); }
.session-line strong { color: var(--fg); }
.totals { display: flex; flex-wrap: wrap; gap: 4px 24px; margin: 8px 0 0; }
.totals dt { font-size: 12px; color: var(--muted); }
.totals dd { margin: 0; font-weight: 600; }
.delta { font-weight: 400; color: var(--muted); }
.panes { flex: 1; display: grid; grid-template-columns: minmax(300px, 36%) 1fr; min-height: 0; }
.test-list { display: flex; flex-direction: column; min-height: 0; border-right: 1px solid var(--line); }
.list-controls { display: grid; grid-template-columns: 1fr 1fr auto; gap: 6px; padding: 8px; align-items: end; border-bottom: 1px solid var(--line); }
.control { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); gap: 2px; }
.control.grow { grid-column: 1 / -1; }
.control select { min-width: 0; }
.control input, .control select { color: var(--fg); }
.list-count { margin: 0; padding: 4px 8px; font-size: 12px; color: var(--muted); }
.rows { overflow: auto; position: relative; }
.rows-spacer { position: relative; }
.rows-window { position: absolute; left: 0; right: 0; top: 0; }
.test-rows { flex: 1; min-height: 0; }
.test-row {
  display: grid; grid-template-columns: 20px 1fr auto; grid-template-rows: auto auto; column-gap: 6px;
  padding: 4px 8px; border-bottom: 1px solid var(--line); cursor: pointer; overflow: hidden;
}
.test-row:hover { background: var(--panel); }
.test-row.selected { background: var(--selected); }
.rows:focus-visible .selected, .rows:focus-visible .active { outline: 2px solid var(--accent); outline-offset: -2px; }
.mark { grid-row: 1 / 3; font-weight: 700; text-align: center; }
.passed { color: var(--pass); }
.failed { color: var(--fail); }
.skipped { color: var(--skip); }
.test-name { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; color: var(--fg); }
.test-meta { grid-column: 2 / 4; font-size: 12px; color: var(--muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.badge { display: inline-block; padding: 0 6px; border-radius: 10px; font-size: 12px; background: var(--badge); color: var(--fg); margin-left: 4px; white-space: nowrap; }
.badge.state.passed { color: var(--pass); } .badge.state.failed { color: var(--fail); } .badge.state.skipped { color: var(--skip); }
.badge.change, .badge.new, .badge.flaky, .badge.warn { border: 1px solid var(--skip); color: var(--fg); }
.badge.added { background: var(--added-bg); }
.badge.judge { border: 1px dashed var(--muted); }
.test-detail { overflow: auto; padding: 12px 16px; min-width: 0; }
.detail-header h2 { font-size: 17px; margin: 0; overflow-wrap: anywhere; }
.detail-file { margin: 0; color: var(--muted); overflow-wrap: anywhere; }
.badges { margin: 6px 0; }
.badges .badge:first-child { margin-left: 0; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.detail-header .facts { grid-template-columns: repeat(auto-fill, minmax(90px, max-content) minmax(60px, max-content)); }
.error-box {
  background: var(--error-bg); border: 1px solid var(--error-line); border-left: 4px solid var(--fail);
  padding: 8px 10px; border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; margin: 8px 0;
  max-height: 20em; overflow: auto;
}
h3 { font-size: 15px; margin: 16px 0 6px; }
h4 { font-size: 14px; margin: 10px 0 4px; }
h5 { font-size: 13px; margin: 8px 0 2px; color: var(--muted); }
.deltas { border-collapse: collapse; }
.deltas th, .deltas td { padding: 2px 10px; border-bottom: 1px solid var(--line); text-align: right; }
.deltas th[scope="row"], .deltas thead th:first-child { text-align: left; }
.outline-table { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 13px; }
.outline-table th { text-align: left; padding: 2px 6px; border-bottom: 1px solid var(--line); font-family: system-ui, sans-serif; }
.outline-table td { padding: 0 6px; white-space: pre; overflow: hidden; text-overflow: ellipsis; vertical-align: top; }
.outline-table td.added { background: var(--added-bg); }
.outline-table td.removed { background: var(--removed-bg); }
.diff-mark { display: inline-block; width: 1.2em; font-weight: 700; }
.span-tree { border: 1px solid var(--line); border-radius: 6px; }
.axis { display: grid; grid-template-columns: 1fr 40%; font-size: 12px; color: var(--muted); padding: 2px 8px; border-bottom: 1px solid var(--line); }
.axis-scale { position: relative; height: 1.4em; margin-right: 70px; }
.tick { position: absolute; transform: translateX(-50%); white-space: nowrap; }
.tick:first-child { transform: none; }
.tick:last-child { transform: translateX(-100%); }
.span-rows { max-height: 60vh; min-height: 56px; }
.span-row { display: grid; grid-template-columns: 1fr 40%; align-items: center; padding: 0 8px; cursor: pointer; white-space: nowrap; }
.span-row:hover { background: var(--panel); }
.span-row.active { background: var(--selected); }
.span-row.error .span-name { color: var(--fail); font-weight: 600; }
.span-label { overflow: hidden; text-overflow: ellipsis; min-width: 0; }
.toggle { display: inline-block; width: 16px; color: var(--muted); }
.kind { display: inline-block; min-width: 52px; font-size: 11px; text-align: center; border-radius: 4px; margin-right: 6px; border: 1px solid var(--line); color: var(--muted); }
.kind-llm { color: var(--llm); border-color: var(--llm); }
.kind-chain { color: var(--chain); border-color: var(--chain); }
.kind-agent { color: var(--agent); border-color: var(--agent); }
.kind-tool { color: var(--tool); border-color: var(--tool); }
.span-error { color: var(--fail); margin-left: 8px; font-weight: 600; }
.span-tokens { color: var(--muted); margin-left: 8px; font-size: 12px; }
.timing { display: flex; align-items: center; gap: 6px; }
.track { position: relative; flex: 1; height: 10px; background: var(--panel); border-radius: 2px; overflow: hidden; }
.bar { position: absolute; top: 0; bottom: 0; background: var(--bar); border-radius: 2px; min-width: 2px; }
.bar.error { background: var(--bar-error); }
.took { width: 64px; text-align: right; font-size: 12px; color: var(--muted); }
.span-details-slot { border-top: 1px solid var(--line); padding: 4px 12px 12px; }
.json { margin: 0; }
.json summary { cursor: pointer; color: var(--muted); }
.json-entries { margin: 2px 0; padding-left: 18px; }
.json-key { color: var(--accent); }
.json-string, .json-text { white-space: pre-wrap; overflow-wrap: anywhere; }
.json-number, .json-boolean, .json-null, .json-empty { color: var(--muted); }
.more { font-size: 12px; padding: 0 6px; margin: 2px 0; }
@media (max-width: 800px) { .panes { grid-template-columns: 1fr; } .test-list { max-height: 45vh; border-right: 0; } }
`
