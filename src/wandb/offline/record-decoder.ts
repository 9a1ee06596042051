import { definedOnly, MessageFields, nonEmpty } from './message-fields.js'
import { ProtobufDecodeError, readFields } from './protobuf.js'
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
  RecordMetadataField,
  RunField,
  StoragePolicyConfigField,
  TimestampField,
  VersionInfoField,
} from './record-fields.js'
import type {
  ArtifactManifest,
  ArtifactManifestEntry,
  ArtifactRecord,
  FilePolicy,
  FilesItem,
  HeaderRecord,
  HistoryRecord,
  ItemKey,
  JsonItem,
  RecordBody,
  RunExitRecord,
  RunRecord,
  StoragePolicyConfigItem,
  SummaryRecord,
  Timestamp,
  VersionInfo,
  WandbRecord,
} from './records.js'

const NOT_BODY_FIELDS = new Set<number>([RecordField.num, ...Object.values(RecordMetadataField)])

/**
 * Decodes one record payload. Record types that are not modelled come back as `kind: 'unknown'`,
 * and unknown fields inside modelled ones are skipped, so a log from a newer W&B still reads.
 */
export function decodeRecord(bytes: Uint8Array): WandbRecord {
  const fields = readFields(bytes)
  const body = fields.find((f) => f.wireType === 2 && !NOT_BODY_FIELDS.has(f.field))
  const num = MessageFields.of(bytes).int64(RecordField.num)
  if (body?.wireType !== 2) return { num, kind: 'unknown', field: 0, bytes: new Uint8Array() }
  return { num, ...decodeBody(body.field, body.value) }
}

function decodeBody(field: number, bytes: Uint8Array): RecordBody {
  switch (field) {
    case RecordField.header:
      return { kind: 'header', header: decodeHeader(bytes) }
    case RecordField.run:
      return { kind: 'run', run: decodeRun(bytes) }
    case RecordField.history:
      return { kind: 'history', history: decodeHistory(bytes) }
    case RecordField.summary:
      return { kind: 'summary', summary: decodeItemUpdates(bytes) }
    case RecordField.config:
      return { kind: 'config', config: decodeItemUpdates(bytes) }
    case RecordField.files:
      return {
        kind: 'files',
        files: { files: MessageFields.of(bytes).messages(FilesField.files, decodeFilesItem) },
      }
    case RecordField.artifact:
      return { kind: 'artifact', artifact: decodeArtifact(bytes) }
    case RecordField.exit:
      return { kind: 'exit', exit: decodeExit(bytes) }
    case RecordField.final:
      return { kind: 'final', final: {} }
    case RecordField.footer:
      return { kind: 'footer', footer: {} }
    default:
      return { kind: 'unknown', field, bytes }
  }
}

function decodeHeader(bytes: Uint8Array): HeaderRecord {
  const f = MessageFields.of(bytes)
  return definedOnly({ versionInfo: f.message(HeaderField.versionInfo, decodeVersionInfo) })
}

function decodeVersionInfo(bytes: Uint8Array): VersionInfo {
  const f = MessageFields.of(bytes)
  return definedOnly({
    producer: f.string(VersionInfoField.producer),
    minConsumer: f.string(VersionInfoField.minConsumer),
  })
}

function decodeRun(bytes: Uint8Array): RunRecord {
  const f = MessageFields.of(bytes)
  return definedOnly({
    runId: f.string(RunField.runId),
    entity: f.string(RunField.entity),
    project: f.string(RunField.project),
    config: f.message(RunField.config, decodeItemUpdates),
    runGroup: f.string(RunField.runGroup),
    jobType: f.string(RunField.jobType),
    displayName: f.string(RunField.displayName),
    notes: f.string(RunField.notes),
    tags: f.strings(RunField.tags),
    host: f.string(RunField.host),
    startTime: f.message(RunField.startTime, decodeTimestamp),
    git: f.message(RunField.git, (git) => {
      const g = MessageFields.of(git)
      return definedOnly({
        remoteUrl: g.string(GitRepoField.remoteUrl),
        commit: g.string(GitRepoField.commit),
      })
    }),
  })
}

function decodeTimestamp(bytes: Uint8Array): Timestamp {
  const f = MessageFields.of(bytes)
  return { seconds: f.int64(TimestampField.seconds), nanos: f.int32(TimestampField.nanos) }
}

function decodeHistory(bytes: Uint8Array): HistoryRecord {
  const f = MessageFields.of(bytes)
  return definedOnly({
    items: f.messages(HistoryField.item, decodeItem),
    step: f.message(HistoryField.step, (step) => ({
      num: MessageFields.of(step).int64(HistoryStepField.num),
    })),
  })
}

function decodeItemUpdates(bytes: Uint8Array): SummaryRecord {
  const f = MessageFields.of(bytes)
  return definedOnly({
    update: f.messages(ItemUpdatesField.update, decodeItem),
    remove: nonEmpty(f.messages(ItemUpdatesField.remove, decodeItemKey)),
  })
}

function decodeItemKey(bytes: Uint8Array): ItemKey {
  return itemKey(MessageFields.of(bytes))
}

function decodeItem(bytes: Uint8Array): JsonItem {
  const f = MessageFields.of(bytes)
  return definedOnly({ ...itemKey(f), valueJson: f.string(ItemField.valueJson) })
}

function itemKey(f: MessageFields): ItemKey {
  return definedOnly({ key: f.string(ItemField.key), nestedKey: f.strings(ItemField.nestedKey) })
}

function decodeFilesItem(bytes: Uint8Array): FilesItem {
  const f = MessageFields.of(bytes)
  const type = f.int32(FilesItemField.type)
  return definedOnly({
    path: f.string(FilesItemField.path),
    policy: filePolicy(f.int32(FilesItemField.policy)),
    type: type === 0 ? undefined : type,
  })
}

function filePolicy(value: number): FilePolicy {
  const policy = FILE_POLICIES[value]
  if (policy === undefined) throw new ProtobufDecodeError(`unknown file policy ${value}`)
  return policy
}

function decodeExit(bytes: Uint8Array): RunExitRecord {
  const f = MessageFields.of(bytes)
  return { exitCode: f.int32(ExitField.exitCode), runtime: f.int32(ExitField.runtime) }
}

function decodeArtifact(bytes: Uint8Array): ArtifactRecord {
  const f = MessageFields.of(bytes)
  return definedOnly({
    runId: f.string(ArtifactField.runId),
    project: f.string(ArtifactField.project),
    entity: f.string(ArtifactField.entity),
    type: f.string(ArtifactField.type),
    name: f.string(ArtifactField.name),
    digest: f.string(ArtifactField.digest),
    description: f.string(ArtifactField.description),
    metadata: f.string(ArtifactField.metadata),
    userCreated: f.flag(ArtifactField.userCreated),
    useAfterCommit: f.flag(ArtifactField.useAfterCommit),
    aliases: f.strings(ArtifactField.aliases),
    manifest: f.message(ArtifactField.manifest, decodeManifest),
    finalize: f.flag(ArtifactField.finalize),
    clientId: f.string(ArtifactField.clientId),
    sequenceClientId: f.string(ArtifactField.sequenceClientId),
  })
}

function decodeManifest(bytes: Uint8Array): ArtifactManifest {
  const f = MessageFields.of(bytes)
  return definedOnly({
    version: f.int32(ManifestField.version),
    storagePolicy: f.string(ManifestField.storagePolicy),
    storagePolicyConfig: nonEmpty(
      f.messages(ManifestField.storagePolicyConfig, decodeStoragePolicyConfig),
    ),
    contents: f.messages(ManifestField.contents, decodeManifestEntry),
  })
}

function decodeStoragePolicyConfig(bytes: Uint8Array): StoragePolicyConfigItem {
  const f = MessageFields.of(bytes)
  return definedOnly({
    key: f.string(StoragePolicyConfigField.key),
    valueJson: f.string(StoragePolicyConfigField.valueJson),
  })
}

function decodeManifestEntry(bytes: Uint8Array): ArtifactManifestEntry {
  const f = MessageFields.of(bytes)
  return definedOnly({
    path: f.string(ManifestEntryField.path),
    digest: f.string(ManifestEntryField.digest),
    ref: f.string(ManifestEntryField.ref),
    size: f.int64(ManifestEntryField.size),
    localPath: f.string(ManifestEntryField.localPath),
  })
}
