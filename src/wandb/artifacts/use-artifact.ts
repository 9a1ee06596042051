import { describeError, warn } from '../../warnings.js'
import { DEFAULT_TIMEOUT_MS, Deadline } from '../http/deadline.js'
import type { WandbRun } from '../wandb-run.js'
import { USE_ARTIFACT } from './artifact-documents.js'
import type { ResolvedArtifact } from './artifact-types.js'

/**
 * Links an artifact to a run as an input, once the run exists on W&B (offline runs do not record
 * inputs). Trouble is a warning, never an exception: the artifact was loaded either way.
 */
export async function useArtifact(run: WandbRun, artifact: ResolvedArtifact): Promise<boolean> {
  try {
    const api = await run.whenCreated()
    if (api === undefined) return false
    const used = await api.client.request(
      USE_ARTIFACT,
      {
        input: {
          entityName: api.path.entity,
          projectName: api.path.project,
          runName: api.path.runId,
          artifactID: artifact.id,
        },
      },
      new Deadline(DEFAULT_TIMEOUT_MS),
    )
    if (!used.ok) warn(`could not record ${artifact.name} as an input of the run: ${used.reason}.`)
    return used.ok
  } catch (error) {
    warn(`could not record ${artifact.name} as an input of the run: ${describeError(error)}.`)
    return false
  }
}
