import type { ResolvedConfig } from 'vitest/node'

type Reporters = ResolvedConfig['reporters']
interface ReporterOptions {
  readonly outputFile?: unknown
  readonly stdout?: unknown
}
interface ReporterChoice {
  readonly name: string
  readonly options: ReporterOptions | undefined
}

// Built-in reporters whose report is meant for a machine: json and junit print it unless given an
// output file (from Vitest 5, only when also given `stdout: true`: else they write it under
// `.vitest/`); tap and tap-flat always print it.
const TO_FILE_IF_ASKED = ['json', 'junit']
const ALWAYS_STDOUT = ['tap', 'tap-flat']
const NAME_OF_CLASS: Readonly<Record<string, string>> = {
  JsonReporter: 'json',
  JUnitReporter: 'junit',
  TapReporter: 'tap',
  TapFlatReporter: 'tap-flat',
}

/**
 * Whether a configured reporter prints a machine-readable report (JSON, JUnit XML, TAP) on stdout,
 * where any other line would break it for whoever reads it (`vitest run --reporter=json > out.json`).
 */
export function reportsOnStdout(config: ResolvedConfig, vitestVersion: string): boolean {
  const printsWithoutFile = Number.parseInt(vitestVersion, 10) < 5
  return config.reporters.some((reporter) => {
    const { name, options } = describeReporter(reporter)
    if (ALWAYS_STDOUT.includes(name)) return true
    return (
      TO_FILE_IF_ASKED.includes(name) &&
      !hasOutputFile(config, name, options?.outputFile) &&
      (printsWithoutFile || options?.stdout === true)
    )
  })
}

function describeReporter(reporter: Reporters[number] | string): ReporterChoice {
  if (typeof reporter === 'string') return { name: reporter, options: undefined }
  if (Array.isArray(reporter))
    return { name: reporter[0], options: reporter[1] as ReporterOptions | undefined }
  const { options } = reporter as { options?: ReporterOptions }
  return { name: NAME_OF_CLASS[reporter.constructor.name] ?? '', options }
}

// As Vitest picks a reporter's file: its own `outputFile`, else the config's (one path for all,
// or one per reporter name).
function hasOutputFile(config: ResolvedConfig, name: string, own: unknown): boolean {
  if (own) return true
  const shared: unknown = config.outputFile
  if (typeof shared === 'string') return shared !== ''
  return (
    typeof shared === 'object' &&
    shared !== null &&
    Boolean((shared as Record<string, unknown>)[name])
  )
}
