import type { FilePolicy } from './records.js'

/** Field numbers of `wandb_internal` messages (proto3). */
export const RecordField = {
  num: 1,
  history: 2,
  summary: 3,
  config: 5,
  files: 6,
  artifact: 8,
  run: 17,
  exit: 18,
  final: 20,
  header: 21,
  footer: 22,
} as const

/** `Record` fields outside the record-type oneof, seen beside a run record in W&B's own logs. */
export const RecordMetadataField = { control: 16, uuid: 19 } as const

export const HeaderField = { versionInfo: 1 } as const
export const VersionInfoField = { producer: 1, minConsumer: 2 } as const

export const RunField = {
  runId: 1,
  entity: 2,
  project: 3,
  config: 4,
  runGroup: 6,
  jobType: 7,
  displayName: 8,
  notes: 9,
  tags: 10,
  host: 13,
  startTime: 17,
  git: 21,
} as const

export const TimestampField = { seconds: 1, nanos: 2 } as const
export const GitRepoField = { remoteUrl: 1, commit: 2 } as const

export const HistoryField = { item: 1, step: 2 } as const
export const HistoryStepField = { num: 1 } as const
export const ItemField = { key: 1, nestedKey: 2, valueJson: 16 } as const
export const ItemUpdatesField = { update: 1, remove: 2 } as const

export const FilesField = { files: 1 } as const
export const FilesItemField = { path: 1, policy: 2, type: 3 } as const
/** `FilesItem.policy` names, indexed by their enum number. */
export const FILE_POLICIES = ['NOW', 'END', 'LIVE'] as const satisfies readonly FilePolicy[]

export const ExitField = { exitCode: 1, runtime: 2 } as const

export const ArtifactField = {
  runId: 1,
  project: 2,
  entity: 3,
  type: 4,
  name: 5,
  digest: 6,
  description: 7,
  metadata: 8,
  userCreated: 9,
  useAfterCommit: 10,
  aliases: 11,
  manifest: 12,
  finalize: 14,
  clientId: 15,
  sequenceClientId: 16,
} as const

export const ManifestField = {
  version: 1,
  storagePolicy: 2,
  storagePolicyConfig: 3,
  contents: 4,
} as const
export const StoragePolicyConfigField = { key: 1, valueJson: 2 } as const
export const ManifestEntryField = { path: 1, digest: 2, ref: 3, size: 4, localPath: 6 } as const
