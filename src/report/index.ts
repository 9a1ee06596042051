export {
  DEFAULT_REPORT_FILE,
  loadReportData,
  writeReport,
  writeSessionReport,
} from './write-session-report.js'
export type { SessionReportOptions } from './write-session-report.js'
export type { ReportData } from './report-data.js'
