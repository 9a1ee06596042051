/** A `wandb_internal.Record` as this package writes and reads it; `num` is the record's sequence number. */
export type WandbRecord = { num: number } & RecordBody

export type RecordBody =
  | { kind: 'header'; header: HeaderRecord }
  | { kind: 'run'; run: RunRecord }
  | { kind: 'history'; history: HistoryRecord }
  | { kind: 'summary'; summary: SummaryRecord }
  | { kind: 'config'; config: ConfigRecord }
  | { kind: 'files'; files: FilesRecord }
  | { kind: 'artifact'; artifact: ArtifactRecord }
  | { kind: 'exit'; exit: RunExitRecord }
  | { kind: 'final'; final: FinalRecord }
  | { kind: 'footer'; footer: FooterRecord }
  | UnknownRecordBody

/**
 * A record type this package does not model (telemetry, stats, use_artifact, …): `field` is its
 * field number in `Record` (0 when the record has none) and `bytes` that field's message bytes.
 */
export interface UnknownRecordBody {
  kind: 'unknown'
  field: number
  bytes: Uint8Array
}

export interface HeaderRecord {
  versionInfo?: VersionInfo
}

export interface VersionInfo {
  producer?: string
  minConsumer?: string
}

export interface RunRecord {
  runId?: string
  entity?: string
  project?: string
  config?: ConfigRecord
  runGroup?: string
  jobType?: string
  displayName?: string
  notes?: string
  tags?: string[]
  host?: string
  startTime?: Timestamp
  git?: GitRepoRecord
}

export interface Timestamp {
  seconds: number
  nanos: number
}

export interface GitRepoRecord {
  remoteUrl?: string
  commit?: string
}

export interface ItemKey {
  key?: string
  nestedKey?: string[]
}

/** A `HistoryItem`, `SummaryItem` or `ConfigItem`: a key and its value as a JSON string. */
export interface JsonItem extends ItemKey {
  valueJson?: string
}

export interface HistoryRecord {
  items: JsonItem[]
  step?: HistoryStep
}

export interface HistoryStep {
  num: number
}

export interface SummaryRecord {
  update: JsonItem[]
  remove?: ItemKey[]
}

export interface ConfigRecord {
  update: JsonItem[]
  remove?: ItemKey[]
}

export interface FilesRecord {
  files: FilesItem[]
}

export type FilePolicy = 'NOW' | 'END' | 'LIVE'

export interface FilesItem {
  path?: string
  policy: FilePolicy
  /** `FilesItem.type` as its raw enum number: the names of its values are not pinned down here. */
  type?: number
}

export interface RunExitRecord {
  exitCode: number
  runtime: number
}

export interface ArtifactRecord {
  runId?: string
  project?: string
  entity?: string
  type?: string
  name?: string
  digest?: string
  description?: string
  /** A JSON string. */
  metadata?: string
  userCreated?: boolean
  useAfterCommit?: boolean
  aliases?: string[]
  manifest?: ArtifactManifest
  finalize?: boolean
  clientId?: string
  sequenceClientId?: string
}

export interface ArtifactManifest {
  version: number
  storagePolicy?: string
  storagePolicyConfig?: StoragePolicyConfigItem[]
  contents: ArtifactManifestEntry[]
}

export interface StoragePolicyConfigItem {
  key?: string
  valueJson?: string
}

export interface ArtifactManifestEntry {
  path?: string
  digest?: string
  ref?: string
  size: number
  /** Syncing deletes the file here: it must be a copy inside the run directory. */
  localPath?: string
}

export type FinalRecord = Record<string, never>

export type FooterRecord = Record<string, never>
