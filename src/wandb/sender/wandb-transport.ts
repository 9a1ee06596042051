import { uploadArtifactRecord } from '../artifacts/upload-artifact-record.js'
import { FileStream } from '../file-stream.js'
import { GraphqlClient } from '../graphql-client.js'
import { uploadRunFile } from '../run-files.js'
import { createRun } from './create-run.js'
import type { RunTransport } from './run-transport.js'

/** Where runs are sent: W&B's API address, the key, and the entity for a log that names none. */
export interface WandbTarget {
  readonly baseUrl: string
  readonly apiKey: string
  readonly entity: string | undefined
}

/** The transport to W&B itself: GraphQL for the run, its files and artifacts; file_stream for the rest. */
export function wandbTransport({ baseUrl, apiKey, entity }: WandbTarget): RunTransport {
  const client = new GraphqlClient(baseUrl, apiKey)
  const stream = (run: Parameters<RunTransport['complete']>[0]) =>
    new FileStream(baseUrl, apiKey, run)
  return {
    createRun: (run, deadline, cancel) => createRun(client, run, entity, deadline, cancel),
    sendHistory: (run, lines, offset, deadline, cancel) =>
      stream(run).sendHistory(lines, offset, deadline, cancel),
    uploadFile: (run, name, bytes, deadline, cancel) =>
      uploadRunFile(client, run, name, bytes, deadline, cancel),
    uploadArtifact: (run, record, { timeoutMs, cancel, localPath, log }) =>
      uploadArtifactRecord(client, run, record, {
        timeoutMs,
        cancel,
        localPath,
        ...(log === undefined ? {} : { log }),
      }),
    sendSummary: (run, summaryJson, deadline, cancel) =>
      stream(run).sendSummary(summaryJson, deadline, cancel),
    complete: (run, exitCode, deadline, cancel) => stream(run).complete(exitCode, deadline, cancel),
  }
}
