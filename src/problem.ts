/** Trouble as the user is told it: what failed and why, and what they can do about it. */
export interface Problem {
  readonly what: string
  readonly fix: string
}

/** One sentence: what failed, what happens instead, and the fix. */
export function problemLine(problem: Problem, consequence: string): string {
  return `${problem.what}; ${consequence} — ${problem.fix}.`
}

/** An error that explains itself, so that a message can carry it without a stack or a class name. */
export class ExplainedError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.what)
  }
}
