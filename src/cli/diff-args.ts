import { DEFAULT_COMPARE_OPTIONS } from '../compare/comparison.js'

export const DIFF_FORMATS = ['text', 'markdown', 'json'] as const
export type DiffFormat = (typeof DIFF_FORMATS)[number]

export interface WandbPlace {
  readonly project?: string
  readonly entity?: string
}

export type DiffArgs =
  | {
      readonly ok: true
      readonly base: string
      readonly head: string
      readonly format: DiffFormat
      readonly failOnRegression: boolean
      readonly scoreTolerance: number
      /** Where `branch:<name>` looks: the W&B project and entity, else WANDB_PROJECT and WANDB_ENTITY. */
      readonly where: WandbPlace
    }
  | { readonly ok: false; readonly problem: string }

type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string }

/** `diff`'s arguments: two inputs and its options, each as `--name value` or `--name=value`. */
export function parseDiffArgs(args: readonly string[]): DiffArgs {
  const inputs: string[] = []
  let format: DiffFormat = 'text'
  let failOnRegression = false
  let scoreTolerance = DEFAULT_COMPARE_OPTIONS.scoreTolerance
  const where: { project?: string; entity?: string } = {}
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? ''
    const [name, inline] = splitOption(arg)
    const value = (): string | undefined => inline ?? args[(index += 1)]
    if (arg === '--') {
      inputs.push(...args.slice(index + 1))
      break
    } else if (name === '--format') {
      const parsed = parseFormat(value())
      if (!parsed.ok) return parsed
      format = parsed.value
    } else if (name === '--score-tolerance') {
      const parsed = parseTolerance(value())
      if (!parsed.ok) return parsed
      scoreTolerance = parsed.value
    } else if (name === '--project' || name === '--entity') {
      const given = value()
      if (given === undefined || given.trim() === '' || given.startsWith('--'))
        return { ok: false, problem: `${name} takes a W&B ${name.slice(2)} name.` }
      where[name === '--project' ? 'project' : 'entity'] = given
    } else if (arg === '--fail-on-regression') failOnRegression = true
    else if (arg.startsWith('-') && arg !== '-')
      return { ok: false, problem: `unknown option "${arg}".` }
    else inputs.push(arg)
  }
  const [base, head] = inputs
  if (inputs.length !== 2 || base === undefined || head === undefined)
    return {
      ok: false,
      problem: `diff compares two sessions, <base> and <head>; ${inputs.length === 0 ? 'none was' : inputs.length === 1 ? 'one was' : `${inputs.length} were`} given.`,
    }
  return { ok: true, base, head, format, failOnRegression, scoreTolerance, where }
}

/** `--name=value` as its name and value; anything else as itself, without a value. */
export function splitOption(arg: string): [string, string | undefined] {
  const equals = arg.indexOf('=')
  return arg.startsWith('--') && equals > 0
    ? [arg.slice(0, equals), arg.slice(equals + 1)]
    : [arg, undefined]
}

function parseFormat(value: string | undefined): Parsed<DiffFormat> {
  const format = DIFF_FORMATS.find((known) => known === value)
  if (format !== undefined) return { ok: true, value: format }
  return { ok: false, problem: `--format takes text, markdown or json; ${got(value)}.` }
}

function parseTolerance(value: string | undefined): Parsed<number> {
  const tolerance = Number(value)
  if (value !== undefined && value.trim() !== '' && Number.isFinite(tolerance) && tolerance >= 0)
    return { ok: true, value: tolerance }
  return {
    ok: false,
    problem: `--score-tolerance takes a number from 0 up, e.g. --score-tolerance 0.05; ${got(value)}.`,
  }
}

function got(value: string | undefined): string {
  return value === undefined ? 'nothing was given' : `"${value}" is not one`
}
