/** The report page's script, bundled from src/report/page/ at build time (scripts/report-page.ts). */
declare module 'virtual:report-page' {
  export const PAGE_SCRIPT: string
}
