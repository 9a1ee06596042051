import { nodeId } from './hashes.js'

export const HISTORY_FILE = 'wandb-history.jsonl'
export const SUMMARY_FILE = 'wandb-summary.json'

export type UpsertBucketInput = Record<string, unknown>

/** One run as the fake backend saw it: every upsert, every file_stream line and upload. */
export class FakeRun {
  readonly storageId: string
  readonly upserts: UpsertBucketInput[] = []
  readonly fileLines: Record<string, Array<string | undefined>> = {}
  /** Per file, how many times each line arrived: a re-sent chunk counts again. */
  readonly lineReceipts: Record<string, number[]> = {}
  readonly uploads: Record<string, Uint8Array> = {}
  /** Base64 md5 of each upload as it arrived: what W&B reports, even if the stored bytes change. */
  readonly uploadDigests: Record<string, string> = {}
  readonly usedArtifactIds: string[] = []
  readonly errors: string[] = []
  displayName: string | null = null
  description: string | null = null
  groupName: string | null = null
  jobType: string | null = null
  notes: string | null = null
  tags: string[] = []
  commit: string | null = null
  jobRepo: string | null = null
  jobProgram: string | null = null
  host: string | null = null
  state: string | null = null
  configJson: string | null = null
  summaryMetricsJson: string | null = null
  summary: Record<string, unknown> | undefined = undefined
  fileStreamPosts = 0
  complete = false
  exitcode: number | null = null

  constructor(
    readonly entity: string,
    readonly project: string,
    readonly name: string,
    /** ISO time W&B created the run; the store keeps it strictly increasing, so order is defined. */
    public createdAt: string = new Date().toISOString(),
  ) {
    this.storageId = nodeId('Run', 'v1', name, project, entity)
  }

  /** The state W&B shows: finished or failed (by exit code) once file_stream said complete. */
  get wandbState(): string {
    if (this.complete) return this.exitcode ? 'failed' : 'finished'
    return this.state ?? 'running'
  }

  get path(): string {
    return `${this.entity}/${this.project}/${this.name}`
  }

  get config(): unknown {
    return this.configJson === null ? undefined : JSON.parse(this.configJson)
  }

  /** Config values unwrapped from W&B's `{"key": {"value": v}}` shape; keys not in that shape are left out. */
  get configValues(): Record<string, unknown> {
    const config = this.config
    if (!isRecord(config)) return {}
    const entries = Object.entries(config).filter(([, v]) => isRecord(v) && 'value' in v)
    return Object.fromEntries(entries.map(([k, v]) => [k, (v as { value: unknown }).value]))
  }

  get historyLines(): Array<string | undefined> {
    return this.fileLines[HISTORY_FILE] ?? []
  }

  /** How many times each history line arrived, in line order. */
  get historyReceipts(): number[] {
    return Array.from(this.lineReceipts[HISTORY_FILE] ?? [], (count) => count ?? 0)
  }

  /** Decoded history rows in line order; gaps and undecodable lines (both in `errors`) are left out. */
  get history(): Record<string, unknown>[] {
    return this.historyLines.flatMap((line) => {
      if (line === undefined) return []
      try {
        return [JSON.parse(line) as Record<string, unknown>]
      } catch {
        return []
      }
    })
  }
}

export class RunsStore {
  readonly runs: FakeRun[] = []

  find(entity: string, project: string, name: string): FakeRun | undefined {
    return this.runs.find((r) => r.entity === entity && r.project === project && r.name === name)
  }

  findByStorageId(id: string): FakeRun | undefined {
    return this.runs.find((r) => r.storageId === id)
  }

  upsert(input: UpsertBucketInput, defaultEntity: string): { run: FakeRun; inserted: boolean } {
    assertJsonString(input, 'config')
    assertJsonString(input, 'summaryMetrics')
    const byId = typeof input.id === 'string' ? this.findByStorageId(input.id) : undefined
    const entity = byId?.entity ?? stringOr(input.entityName, defaultEntity)
    const project = byId?.project ?? stringOr(input.modelName, 'uncategorized')
    const name = byId?.name ?? stringOr(input.name, randomRunName())
    const existing = byId ?? this.find(entity, project, name)
    const run = existing ?? new FakeRun(entity, project, name, this.nextCreatedAt())
    if (!existing) this.runs.push(run)
    applyUpsert(run, input)
    return { run, inserted: !existing }
  }

  /** Now, or just after the newest run when that is not earlier: no two runs share a time. */
  private nextCreatedAt(): string {
    const newest = Math.max(0, ...this.runs.map((r) => Date.parse(r.createdAt)))
    return new Date(Math.max(Date.now(), newest + 1)).toISOString()
  }
}

function applyUpsert(run: FakeRun, input: UpsertBucketInput): void {
  run.upserts.push({ ...input })
  run.displayName = stringOr(input.displayName, run.displayName)
  run.description = stringOr(input.description, run.description)
  run.groupName = stringOr(input.groupName, run.groupName)
  run.jobType = stringOr(input.jobType, run.jobType)
  run.notes = stringOr(input.notes, run.notes)
  run.commit = stringOr(input.commit, run.commit)
  run.jobRepo = stringOr(input.jobRepo, run.jobRepo)
  run.jobProgram = stringOr(input.jobProgram, run.jobProgram)
  run.host = stringOr(input.host, run.host)
  run.state = stringOr(input.state, run.state)
  run.configJson = stringOr(input.config, run.configJson)
  run.summaryMetricsJson = stringOr(input.summaryMetrics, run.summaryMetricsJson)
  if (Array.isArray(input.tags)) run.tags = input.tags.filter((t) => typeof t === 'string')
}

function assertJsonString(input: UpsertBucketInput, field: string): void {
  const value = input[field]
  if (typeof value !== 'string') return
  try {
    JSON.parse(value)
  } catch {
    throw new Error(`upsertBucket: ${field} must be a JSON string, got ${value.slice(0, 80)}`)
  }
}

function stringOr<T>(value: unknown, fallback: T): string | T {
  return typeof value === 'string' ? value : fallback
}

function randomRunName(): string {
  return Math.random().toString(36).slice(2, 10).padEnd(8, '0')
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
