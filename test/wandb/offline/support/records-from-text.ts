import type {
  ArtifactManifest,
  ArtifactRecord,
  FilePolicy,
  HistoryRecord,
  ItemKey,
  JsonItem,
  RunRecord,
  SummaryRecord,
  WandbRecord,
} from '../../../../src/wandb/offline/records.js'
import type { TextMessage, TextRecord } from './text-format.js'

/**
 * The record W&B printed, restricted to the fields this package models, built independently of
 * the binary decoder so that the two can be compared.
 */
export function expectedRecord(text: TextRecord): WandbRecord {
  const root = text.message
  const num = Number(root.scalar('num') ?? 0)
  const body = root.message(text.type)
  if (!body) throw new Error(`record #${text.index} has no ${text.type} body`)
  switch (text.type) {
    case 'header': {
      const info = body.message('version_info')
      return { num, kind: 'header', header: info ? { versionInfo: versionInfo(info) } : {} }
    }
    case 'run':
      return { num, kind: 'run', run: run(body) }
    case 'history':
      return { num, kind: 'history', history: history(body) }
    case 'summary':
      return { num, kind: 'summary', summary: itemUpdates(body) }
    case 'config':
      return { num, kind: 'config', config: itemUpdates(body) }
    case 'files':
      return { num, kind: 'files', files: { files: body.messages('files').map(filesItem) } }
    case 'artifact':
      return { num, kind: 'artifact', artifact: artifact(body) }
    case 'exit':
      return {
        num,
        kind: 'exit',
        exit: { exitCode: int(body, 'exit_code'), runtime: int(body, 'runtime') },
      }
    case 'final':
      return { num, kind: 'final', final: {} }
    case 'footer':
      return { num, kind: 'footer', footer: {} }
    default:
      throw new Error(`record type ${text.type} is not modelled`)
  }
}

function versionInfo(info: TextMessage): { producer?: string; minConsumer?: string } {
  return defined({ producer: info.scalar('producer'), minConsumer: info.scalar('min_consumer') })
}

function run(body: TextMessage): RunRecord {
  const config = body.message('config')
  const startTime = body.message('start_time')
  const git = body.message('git')
  return defined({
    runId: body.scalar('run_id'),
    entity: body.scalar('entity'),
    project: body.scalar('project'),
    config: config && itemUpdates(config),
    runGroup: body.scalar('run_group'),
    jobType: body.scalar('job_type'),
    displayName: body.scalar('display_name'),
    notes: body.scalar('notes'),
    tags: listOrUndefined(body.scalars('tags')),
    host: body.scalar('host'),
    startTime: startTime && { seconds: int(startTime, 'seconds'), nanos: int(startTime, 'nanos') },
    git: git && defined({ remoteUrl: git.scalar('remote_url'), commit: git.scalar('commit') }),
  })
}

function history(body: TextMessage): HistoryRecord {
  const step = body.message('step')
  return defined({
    items: body.messages('item').map(item),
    step: step && { num: int(step, 'num') },
  })
}

function itemUpdates(body: TextMessage): SummaryRecord {
  return defined({
    update: body.messages('update').map(item),
    remove: listOrUndefined(body.messages('remove').map(itemKey)),
  })
}

function itemKey(message: TextMessage): ItemKey {
  return defined({
    key: message.scalar('key'),
    nestedKey: listOrUndefined(message.scalars('nested_key')),
  })
}

function item(message: TextMessage): JsonItem {
  return defined({ ...itemKey(message), valueJson: message.scalar('value_json') })
}

function filesItem(message: TextMessage): { path?: string; policy: FilePolicy; type?: number } {
  const type = message.scalar('type')
  return defined({
    path: message.scalar('path'),
    policy: (message.scalar('policy') ?? 'NOW') as FilePolicy,
    type: type === undefined ? undefined : Number(type),
  })
}

function artifact(body: TextMessage): ArtifactRecord {
  const manifest = body.message('manifest')
  return defined({
    runId: body.scalar('run_id'),
    project: body.scalar('project'),
    entity: body.scalar('entity'),
    type: body.scalar('type'),
    name: body.scalar('name'),
    digest: body.scalar('digest'),
    description: body.scalar('description'),
    metadata: body.scalar('metadata'),
    userCreated: flag(body, 'user_created'),
    useAfterCommit: flag(body, 'use_after_commit'),
    aliases: listOrUndefined(body.scalars('aliases')),
    manifest: manifest && artifactManifest(manifest),
    finalize: flag(body, 'finalize'),
    clientId: body.scalar('client_id'),
    sequenceClientId: body.scalar('sequence_client_id'),
  })
}

function artifactManifest(manifest: TextMessage): ArtifactManifest {
  return defined({
    version: int(manifest, 'version'),
    storagePolicy: manifest.scalar('storage_policy'),
    storagePolicyConfig: listOrUndefined(
      manifest
        .messages('storage_policy_config')
        .map((c) => defined({ key: c.scalar('key'), valueJson: c.scalar('value_json') })),
    ),
    contents: manifest.messages('contents').map((entry) =>
      defined({
        path: entry.scalar('path'),
        digest: entry.scalar('digest'),
        ref: entry.scalar('ref'),
        size: int(entry, 'size'),
        localPath: entry.scalar('local_path'),
      }),
    ),
  })
}

function int(message: TextMessage, name: string): number {
  return Number(message.scalar(name) ?? 0)
}

function flag(message: TextMessage, name: string): true | undefined {
  return message.scalar(name) === 'true' ? true : undefined
}

function listOrUndefined<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}
