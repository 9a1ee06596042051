import { problemLine } from '../problem.js'
import type { Problem } from '../problem.js'
import { appUrlOf } from './settings.js'
import type { RunOutcome } from './wandb-run.js'

type Fallback = Extract<RunOutcome, { kind: 'fallback' }>

/**
 * The one line for a run W&B did not take: why, where it was saved instead (`saved`), and what to
 * do: upload it (`upload`), after fixing the key when W&B refused it, since no retry can help then.
 */
export function fallbackWarning(outcome: Fallback, saved: string, upload: string): string {
  return problemLine(fallbackProblem(outcome, upload), saved)
}

function fallbackProblem({ status, reason, baseUrl }: Fallback, upload: string): Problem {
  if (status === 401) {
    return {
      what: `${reason} at ${baseUrl}`,
      fix: `set WANDB_API_KEY to your key from ${appUrlOf(baseUrl)}/authorize or run \`wandb login --relogin\`, then ${upload}`,
    }
  }
  if (status === 403) {
    return {
      what: `${reason} at ${baseUrl}`,
      fix: `use a key that may write to this entity and project (WANDB_API_KEY or \`wandb login --relogin\`), or choose ones it may write to, then ${upload}`,
    }
  }
  return { what: `could not reach W&B at ${baseUrl} (${reason})`, fix: upload }
}
