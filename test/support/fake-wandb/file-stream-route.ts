import { applyFileStream } from './file-stream.js'
import { json, type FakeOutcome } from './outcome.js'
import type { RunsStore } from './runs-store.js'

type FileStreamMatch = { entity: string; project: string; run: string }

export function serveFileStream(
  runs: RunsStore,
  match: FileStreamMatch,
  body: Uint8Array,
  errors: string[],
): FakeOutcome {
  const run = runs.find(match.entity, match.project, match.run)
  if (!run) {
    const error = `file_stream post for unknown run ${match.entity}/${match.project}/${match.run}; call upsertBucket first`
    errors.push(error)
    return json(404, { error })
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(body).toString('utf8'))
  } catch {
    run.errors.push(`file_stream post for ${run.path} is not JSON`)
    return json(400, { error: 'The file_stream body must be JSON.' })
  }
  const result = applyFileStream(run, parsed)
  if (!result.ok) {
    run.errors.push(result.error)
    return json(400, { error: result.error })
  }
  return json(200, { exitcode: null, limits: {} })
}
