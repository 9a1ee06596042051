import { ProtoWriter } from './protobuf.js'
import {
  ArtifactField,
  ExitField,
  FILE_POLICIES,
  FilesField,
  FilesItemField,
  GitRepoField,
  HeaderField,
  HistoryField,
  HistoryStepField,
  ItemField,
  ItemUpdatesField,
  ManifestEntryField,
  ManifestField,
  RecordField,
  RunField,
  StoragePolicyConfigField,
  TimestampField,
  VersionInfoField,
} from './record-fields.js'
import type {
  ArtifactManifest,
  ArtifactRecord,
  ConfigRecord,
  FilesRecord,
  HeaderRecord,
  HistoryRecord,
  ItemKey,
  JsonItem,
  RecordBody,
  RunRecord,
  SummaryRecord,
  Timestamp,
  WandbRecord,
} from './records.js'

/**
 * Serializes a record as W&B does: fields in field-number order, proto3 defaults (empty strings,
 * zeros, false, empty lists) left out, sub-messages written whenever they are set.
 */
export function encodeRecord(record: WandbRecord): Uint8Array {
  return writeBody(new ProtoWriter().optionalVarint(RecordField.num, record.num), record).finish()
}

function writeBody(w: ProtoWriter, body: RecordBody): ProtoWriter {
  switch (body.kind) {
    case 'header':
      return w.message(RecordField.header, (m) => writeHeader(m, body.header))
    case 'run':
      return w.message(RecordField.run, (m) => writeRun(m, body.run))
    case 'history':
      return w.message(RecordField.history, (m) => writeHistory(m, body.history))
    case 'summary':
      return w.message(RecordField.summary, (m) => writeItemUpdates(m, body.summary))
    case 'config':
      return w.message(RecordField.config, (m) => writeItemUpdates(m, body.config))
    case 'files':
      return w.message(RecordField.files, (m) => writeFiles(m, body.files))
    case 'artifact':
      return w.message(RecordField.artifact, (m) => writeArtifact(m, body.artifact))
    case 'exit':
      return w.message(RecordField.exit, (m) =>
        m
          .optionalVarint(ExitField.exitCode, body.exit.exitCode)
          .optionalVarint(ExitField.runtime, body.exit.runtime),
      )
    case 'final':
      return w.message(RecordField.final, () => {})
    case 'footer':
      return w.message(RecordField.footer, () => {})
    case 'unknown':
      return body.field > 0 ? w.bytes(body.field, body.bytes) : w
  }
}

function writeHeader(w: ProtoWriter, header: HeaderRecord): void {
  const info = header.versionInfo
  if (!info) return
  w.message(HeaderField.versionInfo, (m) =>
    m
      .optionalString(VersionInfoField.producer, info.producer)
      .optionalString(VersionInfoField.minConsumer, info.minConsumer),
  )
}

function writeRun(w: ProtoWriter, run: RunRecord): void {
  w.optionalString(RunField.runId, run.runId)
    .optionalString(RunField.entity, run.entity)
    .optionalString(RunField.project, run.project)
  const config = run.config
  if (config) w.message(RunField.config, (m) => writeItemUpdates(m, config))
  w.optionalString(RunField.runGroup, run.runGroup)
    .optionalString(RunField.jobType, run.jobType)
    .optionalString(RunField.displayName, run.displayName)
    .optionalString(RunField.notes, run.notes)
  for (const tag of run.tags ?? []) w.string(RunField.tags, tag)
  w.optionalString(RunField.host, run.host)
  const startTime = run.startTime
  if (startTime) w.message(RunField.startTime, (m) => writeTimestamp(m, startTime))
  const git = run.git
  if (git) {
    w.message(RunField.git, (m) =>
      m
        .optionalString(GitRepoField.remoteUrl, git.remoteUrl)
        .optionalString(GitRepoField.commit, git.commit),
    )
  }
}

function writeTimestamp(w: ProtoWriter, time: Timestamp): void {
  w.optionalVarint(TimestampField.seconds, time.seconds).optionalVarint(
    TimestampField.nanos,
    time.nanos,
  )
}

function writeHistory(w: ProtoWriter, history: HistoryRecord): void {
  for (const item of history.items) w.message(HistoryField.item, (m) => writeItem(m, item))
  const step = history.step
  if (step) w.message(HistoryField.step, (m) => m.optionalVarint(HistoryStepField.num, step.num))
}

function writeItemUpdates(w: ProtoWriter, record: SummaryRecord | ConfigRecord): void {
  for (const item of record.update) w.message(ItemUpdatesField.update, (m) => writeItem(m, item))
  for (const key of record.remove ?? [])
    w.message(ItemUpdatesField.remove, (m) => writeItem(m, key))
}

function writeItem(w: ProtoWriter, item: JsonItem | ItemKey): void {
  w.optionalString(ItemField.key, item.key)
  for (const part of item.nestedKey ?? []) w.string(ItemField.nestedKey, part)
  if ('valueJson' in item) w.optionalString(ItemField.valueJson, item.valueJson)
}

function writeFiles(w: ProtoWriter, record: FilesRecord): void {
  for (const file of record.files) {
    w.message(FilesField.files, (m) =>
      m
        .optionalString(FilesItemField.path, file.path)
        .optionalVarint(FilesItemField.policy, FILE_POLICIES.indexOf(file.policy))
        .optionalVarint(FilesItemField.type, file.type),
    )
  }
}

function writeArtifact(w: ProtoWriter, artifact: ArtifactRecord): void {
  w.optionalString(ArtifactField.runId, artifact.runId)
    .optionalString(ArtifactField.project, artifact.project)
    .optionalString(ArtifactField.entity, artifact.entity)
    .optionalString(ArtifactField.type, artifact.type)
    .optionalString(ArtifactField.name, artifact.name)
    .optionalString(ArtifactField.digest, artifact.digest)
    .optionalString(ArtifactField.description, artifact.description)
    .optionalString(ArtifactField.metadata, artifact.metadata)
    .optionalVarint(ArtifactField.userCreated, artifact.userCreated)
    .optionalVarint(ArtifactField.useAfterCommit, artifact.useAfterCommit)
  for (const alias of artifact.aliases ?? []) w.string(ArtifactField.aliases, alias)
  const manifest = artifact.manifest
  if (manifest) w.message(ArtifactField.manifest, (m) => writeManifest(m, manifest))
  w.optionalVarint(ArtifactField.finalize, artifact.finalize)
    .optionalString(ArtifactField.clientId, artifact.clientId)
    .optionalString(ArtifactField.sequenceClientId, artifact.sequenceClientId)
}

function writeManifest(w: ProtoWriter, manifest: ArtifactManifest): void {
  w.optionalVarint(ManifestField.version, manifest.version).optionalString(
    ManifestField.storagePolicy,
    manifest.storagePolicy,
  )
  for (const item of manifest.storagePolicyConfig ?? []) {
    w.message(ManifestField.storagePolicyConfig, (m) =>
      m
        .optionalString(StoragePolicyConfigField.key, item.key)
        .optionalString(StoragePolicyConfigField.valueJson, item.valueJson),
    )
  }
  for (const entry of manifest.contents) {
    w.message(ManifestField.contents, (m) =>
      m
        .optionalString(ManifestEntryField.path, entry.path)
        .optionalString(ManifestEntryField.digest, entry.digest)
        .optionalString(ManifestEntryField.ref, entry.ref)
        .optionalVarint(ManifestEntryField.size, entry.size)
        .optionalString(ManifestEntryField.localPath, entry.localPath),
    )
  }
}
