// The bundled page script (src/report/page/), made at build time by scripts/report-page.ts.
export { PAGE_SCRIPT } from 'virtual:report-page'
