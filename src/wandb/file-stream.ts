import type { ApiResult } from './graphql-client.js'
import { apiFailure, authorization } from './graphql-client.js'
import type { Deadline } from './http/deadline.js'
import { DEFAULT_RETRY_POLICY, sendWithRetries } from './http/send-with-retries.js'
import type { RetryPolicy } from './http/send-with-retries.js'

export interface RunPath {
  readonly entity: string
  readonly project: string
  readonly runId: string
}

const HISTORY_FILE = 'wandb-history.jsonl'
const SUMMARY_FILE = 'wandb-summary.json'

/**
 * A run's file_stream: history lines at explicit offsets, so a chunk sent again after a failure
 * lands on the same lines instead of adding rows; the latest summary; and the final exit code.
 */
export class FileStream {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly run: RunPath,
    private readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {}

  /** Sends `lines` as the run's history lines from line `offset` on (counting from its first). */
  sendHistory(
    lines: readonly string[],
    offset: number,
    deadline: Deadline,
    cancel?: AbortSignal,
  ): Promise<ApiResult<void>> {
    if (lines.length === 0) return Promise.resolve({ ok: true, value: undefined })
    return this.post({ files: { [HISTORY_FILE]: { offset, content: lines } } }, deadline, cancel)
  }

  sendSummary(
    summaryJson: string,
    deadline: Deadline,
    cancel?: AbortSignal,
  ): Promise<ApiResult<void>> {
    return this.post(
      { files: { [SUMMARY_FILE]: { offset: 0, content: [summaryJson] } } },
      deadline,
      cancel,
    )
  }

  complete(exitCode: number, deadline: Deadline, cancel?: AbortSignal): Promise<ApiResult<void>> {
    return this.post({ complete: true, exitcode: exitCode }, deadline, cancel)
  }

  private async post(
    body: unknown,
    deadline: Deadline,
    cancel: AbortSignal | undefined,
  ): Promise<ApiResult<void>> {
    const { entity, project, runId } = this.run
    const result = await sendWithRetries(
      {
        method: 'POST',
        url: `${this.baseUrl}/files/${encodeURIComponent(entity)}/${encodeURIComponent(project)}/${encodeURIComponent(runId)}/file_stream`,
        headers: { authorization: authorization(this.apiKey), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      },
      deadline,
      this.policy,
      cancel,
    )
    return result.kind === 'success' ? { ok: true, value: undefined } : apiFailure(result)
  }
}
