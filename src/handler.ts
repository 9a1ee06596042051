import { CallbackManager } from './callbacks/callback-manager.js'
import type { CallbackHandler } from './callbacks/callback-handler.js'
import { eventTypeName } from './callbacks/event-type-name.js'
import { epochMs } from './events/cb-event.js'
import type { EventPhase } from './events/cb-event.js'
import type { EventPayloadRecord } from './events/event-payload.js'
import { buildTraceTree, DEFAULT_MAX_SPAN_DEPTH } from './trace/build-tree.js'
import type { BuildOptions, TraceRecording } from './trace/build-tree.js'
import { pendingBuilds } from './trace/build-queue.js'
import { payloadLimits } from './trace/limits.js'
import type { TraceTree } from './trace/span.js'
import { resolveTokenizer, TOKENIZER_ENCODINGS } from './trace/token-counter.js'
import type { Tokenizer, TokenizerEncoding } from './trace/token-counter.js'
import { DEFAULT_MAX_SPANS_PER_TRACE, TraceBuffer } from './trace/trace-buffer.js'
import { toTraceMap } from './trace/trace-map.js'
import type { TraceMapInput } from './trace/trace-map.js'
import { DEFAULT_KEPT_TRACES, InMemoryTraceSink } from './trace/trace-sink.js'
import type { TraceSink } from './trace/trace-sink.js'
import { describeError, warn } from './warnings.js'
import type { WandbRunArgs } from './sinks/wandb-trace-sink.js'
import { newEventId } from './callbacks/event-id.js'
import { judgeOf, runAsJudge } from './callbacks/judge-scope.js'
import { markedAsJudge } from './trace/judge-marks.js'
import type { ResolvedArtifact } from './wandb/artifacts/artifact-types.js'
import type { LoadedStorageContext } from './indexes/load-storage-context.js'
import type { PersistIndexOptions } from './indexes/persist-index.js'
import type { PersistedIndex } from './wandb/artifacts/artifact-types.js'
import { runOfSinks } from './sinks/run-source.js'

export interface WandbCallbackHandlerOptions {
  /** Counts tokens when an LLM end payload reports no usage: a function, or a js-tiktoken encoding name; cl100k by default. */
  readonly tokenizer?: Tokenizer | TokenizerEncoding
  readonly eventStartsToIgnore?: readonly string[]
  readonly eventEndsToIgnore?: readonly string[]
  /** Characters kept of any one payload string (4096 by default). */
  readonly maxPayloadChars?: number
  /** Spans kept per trace (100,000 by default); later ones are counted on the root span. */
  readonly maxSpansPerTrace?: number
  /** Finished traces kept for `handler.traces` (1,000 by default, newest kept). */
  readonly keptTraces?: number
  /** Where finished traces go besides `handler.traces`. */
  readonly sinks?: readonly TraceSink[]
  /**
   * Logs every finished trace to a W&B run (the seed's `run_args`): the process's active run, or a
   * new one. Leave it out inside Vitest, where the reporter logs the session's run.
   */
  readonly runArgs?: WandbRunArgs
}

/** Opens the W&B run that `runArgs` asks for and logs each finished trace into it. */
export type RunSinkFactory = (runArgs: WandbRunArgs) => TraceSink

function missingRunSink(): TraceSink {
  throw new Error(
    "runArgs needs the W&B client, which comes with the package's main entry: import WandbCallbackHandler from 'vitest-wandb'.",
  )
}

function tokenizerOption(tokenizer: Tokenizer | TokenizerEncoding | undefined): Tokenizer {
  const resolved = resolveTokenizer(tokenizer)
  if (resolved !== undefined) return resolved
  throw new TypeError(
    `tokenizer must be a function or one of ${TOKENIZER_ENCODINGS.join(', ')}; got ${String(tokenizer)}.`,
  )
}

// Events handed in directly, not through a CallbackManager, share this one trace.
const DIRECT_TRACE_KEY = ''

/**
 * Turns callback events into W&B trace trees, one per trace, and hands them to its sinks. It never
 * throws into the code that calls it: trouble becomes one warning line and a diagnostic on the span.
 */
export class WandbCallbackHandler implements CallbackHandler {
  readonly eventStartsToIgnore: readonly string[]
  readonly eventEndsToIgnore: readonly string[]
  private readonly ignoredEndTypes: ReadonlySet<string>
  private readonly buffers = new Map<string, TraceBuffer>()
  private readonly kept: InMemoryTraceSink
  private readonly sinks: readonly TraceSink[]
  private readonly buildOptions: BuildOptions
  private readonly maxSpansPerTrace: number
  private manager: CallbackManager | undefined
  private finishing: Promise<void> | undefined
  private readonly persisted: PersistedIndex[] = []
  private readonly loaded: ResolvedArtifact[] = []
  private readonly judged: TraceTree[] = []
  private runningJudges = 0
  private readonly judgeOptions: WandbCallbackHandlerOptions

  /**
   * `runSink` opens the W&B run that `runArgs` asks for: the package's main entry passes it, while a
   * Vitest worker, whose reporter logs the session's run, never loads the W&B client.
   */
  constructor(options: WandbCallbackHandlerOptions = {}, runSink: RunSinkFactory = missingRunSink) {
    this.eventStartsToIgnore = [...(options.eventStartsToIgnore ?? [])]
    this.eventEndsToIgnore = [...(options.eventEndsToIgnore ?? [])]
    this.ignoredEndTypes = new Set(this.eventEndsToIgnore)
    this.kept = new InMemoryTraceSink(options.keptTraces ?? DEFAULT_KEPT_TRACES)
    this.sinks = [
      this.kept,
      ...(options.sinks ?? []),
      ...(options.runArgs === undefined ? [] : [runSink(options.runArgs)]),
    ]
    this.maxSpansPerTrace = options.maxSpansPerTrace ?? DEFAULT_MAX_SPANS_PER_TRACE
    this.judgeOptions = {
      tokenizer: options.tokenizer,
      maxPayloadChars: options.maxPayloadChars,
      maxSpansPerTrace: options.maxSpansPerTrace,
    }
    this.buildOptions = {
      limits: payloadLimits(options.maxPayloadChars),
      tokenizer: tokenizerOption(options.tokenizer),
      maxDepth: DEFAULT_MAX_SPAN_DEPTH,
    }
  }

  /** A CallbackManager with this handler attached, made on first use. */
  get callbackManager(): CallbackManager {
    this.manager ??= new CallbackManager([this])
    return this.manager
  }

  /** The trace trees finished so far, oldest first. */
  get traces(): readonly TraceTree[] {
    pendingBuilds.runPending()
    return this.kept.traces
  }

  onEventStart(
    eventType: string,
    payload?: EventPayloadRecord,
    eventId?: string,
    parentId?: string,
    traceKey: string = DIRECT_TRACE_KEY,
  ): string {
    const judge = this.currentJudge()
    if (judge !== undefined)
      return judge.onEventStart(eventType, payload, eventId, parentId, traceKey)
    const id = typeof eventId === 'string' && eventId !== '' ? eventId : newEventId()
    this.record(eventType, 'start', payload, id, parentId, traceKey, this.eventStartsToIgnore)
    return id
  }

  onEventEnd(
    eventType: string,
    payload?: EventPayloadRecord,
    eventId?: string,
    traceKey: string = DIRECT_TRACE_KEY,
  ): void {
    const judge = this.currentJudge()
    if (judge !== undefined) return judge.onEventEnd(eventType, payload, eventId, traceKey)
    if (typeof eventId !== 'string' || eventId === '') {
      warn(
        `an end of a ${eventTypeName(eventType)} event came without an event id; it was not recorded.`,
      )
      return
    }
    this.record(eventType, 'end', payload, eventId, undefined, traceKey, this.eventEndsToIgnore)
  }

  startTrace(traceId?: string, traceKey: string = DIRECT_TRACE_KEY): void {
    const judge = this.currentJudge()
    if (judge !== undefined) return judge.startTrace(traceId, traceKey)
    this.buffers.set(traceKey, this.newBuffer(traceId))
  }

  /**
   * Ends the trace: its tree is built from its events (and the trace map, when given) once the
   * current turn of the event loop is over, or sooner when `traces` or `finish()` is read, and
   * then handed to the sinks.
   */
  endTrace(traceId?: string, traceMap?: TraceMapInput, traceKey: string = DIRECT_TRACE_KEY): void {
    const judge = this.currentJudge()
    if (judge !== undefined) return judge.endTrace(traceId, toTraceMap(traceMap), traceKey)
    const buffer = this.buffers.get(traceKey)
    if (buffer === undefined) return
    this.buffers.delete(traceKey)
    try {
      const recording: TraceRecording = {
        traceId: typeof traceId === 'string' && traceId !== '' ? traceId : buffer.traceId,
        startMs: buffer.startMs,
        endMs: epochMs(),
        events: buffer.events,
        traceMap: toTraceMap(traceMap),
        ignoredEndTypes: this.ignoredEndTypes,
        droppedSpans: buffer.droppedSpans,
      }
      pendingBuilds.add(() => this.buildAndLog(recording))
    } catch (error) {
      warn(`could not end trace ${buffer.traceId}: ${describeError(error)}`)
    }
  }

  private buildAndLog(recording: TraceRecording): void {
    try {
      const tree = buildTraceTree(recording, this.buildOptions)
      if (tree !== undefined) this.logTraceTree(tree)
    } catch (error) {
      warn(`could not build the trace tree of ${recording.traceId}: ${describeError(error)}`)
    }
  }

  /** Hands a finished tree to every sink. */
  logTraceTree(tree: TraceTree): void {
    for (const sink of this.sinks) {
      try {
        sink.export(tree)
      } catch (error) {
        warn(`a trace sink failed to take trace ${tree.traceId}: ${describeError(error)}`)
      }
    }
  }

  /** Traces of judges run with `judge()`, oldest first: apart from `traces`, every span marked `judge`. */
  get judgeTraces(): readonly TraceTree[] {
    return this.judged
  }

  /**
   * Runs `fn` as the judge `name` (an LLM grading the pipeline's answer): the events it causes,
   * through this handler or any callback manager routed to it, are traced by a handler of their
   * own, so its LLM calls and tokens are not counted as the pipeline's. What `fn` throws is thrown.
   */
  async judge<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
    const judge = new WandbCallbackHandler(this.judgeOptions)
    this.runningJudges += 1
    try {
      return await runAsJudge(this, judge, fn)
    } finally {
      await judge.finish()
      this.runningJudges -= 1
      for (const tree of judge.traces) this.judged.push(markedAsJudge(tree, name))
      this.judged.splice(0, Math.max(0, this.judged.length - DEFAULT_KEPT_TRACES))
    }
  }

  // Every event asks; the async context is looked up only while a judge of this handler runs.
  private currentJudge(): CallbackHandler | undefined {
    return this.runningJudges === 0 ? undefined : judgeOf(this)
  }

  /** Indexes saved by `persistIndex`, oldest first, once per name and content. */
  get persistedIndexes(): readonly PersistedIndex[] {
    return this.persisted
  }

  /** Artifacts brought back by `loadStorageContext`, oldest first. */
  get loadedArtifacts(): readonly ResolvedArtifact[] {
    return this.loaded
  }

  /**
   * Saves an index (a folder, a LlamaIndex.TS index, or anything with `persist(dir)`) as a
   * `storage_context` artifact named `indexName`, and logs it to the handler's W&B run when it has
   * one. Rejects when the input cannot make an artifact; W&B trouble is only a warning.
   */
  async persistIndex(
    index: unknown,
    indexName: string,
    persistDir?: string,
    options: PersistIndexOptions = {},
  ): Promise<PersistedIndex> {
    // Artifact code loads on first use, for the same reason as the run sink.
    const { persistIndexArtifact } = await import('./indexes/persist-index.js')
    const persisted = await persistIndexArtifact(index, indexName, persistDir, options)
    const seen = this.persisted.some(
      (each) => each.name === persisted.name && each.digest === persisted.digest,
    )
    if (!seen) this.persisted.push(persisted)
    const run = runOfSinks(this.sinks)
    if (run === undefined) return persisted
    const { logArtifact } = await import('./wandb/artifacts/log-artifact.js')
    await logArtifact(run, persisted)
    return persisted
  }

  /**
   * Brings back an index logged as an artifact (`entity/project/name:alias`), md5-checked and cached,
   * as a folder and, when `llamaindex` is installed, a ready `StorageContext`; records it as an input
   * of the handler's W&B run when it has one.
   */
  async loadStorageContext<S = unknown>(
    artifactUrl: string,
    downloadDir?: string,
  ): Promise<LoadedStorageContext<S>> {
    const run = runOfSinks(this.sinks)
    const path = run === undefined ? undefined : (await run.whenCreated())?.path
    const { loadStorageContext } = await import('./indexes/load-storage-context.js')
    const loaded = await loadStorageContext<S>(artifactUrl, downloadDir, {
      ...(run === undefined ? {} : { run }),
      ...(path === undefined ? {} : { entity: path.entity, project: path.project }),
    })
    this.loaded.push(loaded.artifact)
    return loaded
  }

  /** Ends every trace still open (so nothing recorded is lost), then flushes and shuts down the sinks. */
  finish(): Promise<void> {
    this.finishing ??= this.finishOnce()
    return this.finishing
  }

  private async finishOnce(): Promise<void> {
    for (const [traceKey, buffer] of [...this.buffers])
      this.endTrace(buffer.traceId, undefined, traceKey)
    pendingBuilds.runPending()
    await Promise.all(
      this.sinks.map(async (sink) => {
        try {
          await sink.forceFlush?.()
          await sink.shutdown()
        } catch (error) {
          warn(`a trace sink failed to shut down: ${describeError(error)}`)
        }
      }),
    )
  }

  private record(
    eventType: string,
    phase: EventPhase,
    payload: EventPayloadRecord | undefined,
    id: string,
    parentId: string | undefined,
    traceKey: string,
    ignored: readonly string[],
  ): void {
    try {
      const type = eventTypeName(eventType)
      if (ignored.includes(type)) return
      let buffer = this.buffers.get(traceKey)
      if (buffer === undefined) {
        buffer = this.newBuffer(undefined)
        this.buffers.set(traceKey, buffer)
      }
      buffer.add({
        type,
        phase,
        id,
        parentId: typeof parentId === 'string' ? parentId : undefined,
        payload,
        timeMs: epochMs(),
      })
    } catch (error) {
      warn(`could not record a ${phase} event: ${describeError(error)}`)
    }
  }

  private newBuffer(traceId: string | undefined): TraceBuffer {
    return new TraceBuffer(
      typeof traceId === 'string' && traceId !== '' ? traceId : 'trace',
      epochMs(),
      this.maxSpansPerTrace,
    )
  }
}
