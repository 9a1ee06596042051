import { splitOption } from './diff-args.js'
import type { WandbPlace } from './diff-args.js'

export type ReportArgs =
  | {
      readonly ok: true
      /** Undefined: the newest session of the project here. */
      readonly session: string | undefined
      readonly baseline: string | undefined
      readonly out: string | undefined
      readonly where: WandbPlace
    }
  | { readonly ok: false; readonly problem: string }

const TAKES: Readonly<Record<string, string>> = {
  '--compare': 'a session to compare with, as diff takes it',
  '--out': 'the path of the HTML file to write',
  '--project': 'a W&B project name',
  '--entity': 'a W&B entity name',
}

/** `report`'s arguments: at most one session and its options, as `--name value` or `--name=value`. */
export function parseReportArgs(args: readonly string[]): ReportArgs {
  const inputs: string[] = []
  const given: Record<string, string> = {}
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? ''
    const [name, inline] = splitOption(arg)
    if (arg === '--') {
      inputs.push(...args.slice(index + 1))
      break
    } else if (Object.hasOwn(TAKES, name)) {
      const value = inline ?? args[(index += 1)]
      if (value === undefined || value.trim() === '' || value.startsWith('--'))
        return { ok: false, problem: `${name} takes ${TAKES[name]}.` }
      given[name] = value
    } else if (arg.startsWith('-') && arg !== '-')
      return { ok: false, problem: `unknown option "${arg}".` }
    else inputs.push(arg)
  }
  if (inputs.length > 1)
    return {
      ok: false,
      problem: `report shows one session; ${inputs.length} were given (compare two with --compare <base>).`,
    }
  const where: { project?: string; entity?: string } = {}
  if (given['--project'] !== undefined) where.project = given['--project']
  if (given['--entity'] !== undefined) where.entity = given['--entity']
  return {
    ok: true,
    session: inputs[0],
    baseline: given['--compare'],
    out: given['--out'],
    where,
  }
}
