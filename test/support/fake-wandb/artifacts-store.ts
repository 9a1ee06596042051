import { manifestDigest, parseManifest, type ArtifactManifestJson } from './artifact-manifest.js'
import { base64ToHex, md5Base64, md5Hex, nodeId } from './hashes.js'
import type { FileAddress } from './routes.js'
import { isRecord } from './runs-store.js'

export type ArtifactInput = Record<string, unknown>

export interface ArtifactIdentity {
  entity: string
  project: string
  collection: string
  type: string
  digest: string
  runName: string | null
  metadataJson: string | null
  description: string | null
}

/** One artifact version; its bytes live in the shared blob store, keyed by md5. */
export class FakeArtifact implements ArtifactIdentity {
  readonly entity: string
  readonly project: string
  readonly collection: string
  readonly type: string
  readonly digest: string
  readonly runName: string | null
  readonly metadataJson: string | null
  readonly description: string | null
  readonly createInputs: ArtifactInput[] = []
  readonly declaredFiles: Record<string, string> = {}
  readonly usedBy: string[] = []
  readonly createdAt = new Date().toISOString()
  state: 'PENDING' | 'COMMITTED' = 'PENDING'
  versionIndex: number | null = null
  aliases: string[] = []
  requestedAliases: string[] = []
  manifestCreated = false
  manifestDigest = ''
  manifestBytes: Uint8Array | undefined = undefined

  constructor(
    readonly id: string,
    identity: ArtifactIdentity,
    private readonly blobs: ReadonlyMap<string, Uint8Array>,
  ) {
    this.entity = identity.entity
    this.project = identity.project
    this.collection = identity.collection
    this.type = identity.type
    this.digest = identity.digest
    this.runName = identity.runName
    this.metadataJson = identity.metadataJson
    this.description = identity.description
  }

  get manifestId(): string {
    return nodeId('ArtifactManifest', this.id)
  }

  get manifest(): ArtifactManifestJson | undefined {
    return this.manifestBytes && parseManifest(this.manifestBytes)
  }

  get metadata(): unknown {
    return this.metadataJson === null ? undefined : JSON.parse(this.metadataJson)
  }

  /** The stored bytes of each manifest entry (undefined when they never arrived). */
  get files(): Record<string, Uint8Array | undefined> {
    const contents = Object.entries(this.manifest?.contents ?? {})
    return Object.fromEntries(
      contents.map(([path, e]) => [path, this.blobs.get(base64ToHex(e.digest))]),
    )
  }
}

export class ArtifactsStore {
  readonly artifacts: FakeArtifact[] = []
  readonly blobs = new Map<string, Uint8Array>()

  get(id: string): FakeArtifact {
    const artifact = this.find(id)
    if (!artifact) throw new Error(`No artifact with id ${id}.`)
    return artifact
  }

  find(id: string): FakeArtifact | undefined {
    return this.artifacts.find((a) => a.id === id)
  }

  /** A committed version with the same digest wins (state COMMITTED); a pending one is reused. */
  create(input: ArtifactInput): FakeArtifact {
    const identity = artifactIdentity(input)
    const { entity, project, collection, type, digest } = identity
    const siblings = this.collection(entity, project, collection)
    const otherType = siblings.find((a) => a.type !== type)
    if (otherType) {
      throw new Error(`Collection ${collection} holds ${otherType.type} artifacts, not ${type}.`)
    }
    const aliases = aliasesFor(input, collection)
    const committed = siblings.find((a) => a.digest === digest && a.state === 'COMMITTED')
    if (committed && input.enableDigestDeduplication !== false) {
      committed.createInputs.push({ ...input })
      this.applyAliases(committed, aliases)
      return committed
    }
    const pending = siblings.find((a) => a.digest === digest && a.state === 'PENDING')
    const artifact =
      pending ??
      new FakeArtifact(nodeId('Artifact', this.artifacts.length + 1), identity, this.blobs)
    if (!pending) this.artifacts.push(artifact)
    artifact.createInputs.push({ ...input })
    artifact.requestedAliases = aliases
    return artifact
  }

  createManifest(input: ArtifactInput): FakeArtifact {
    const artifact = this.get(String(input.artifactID))
    artifact.manifestCreated = true
    if (typeof input.digest === 'string' && input.digest) artifact.manifestDigest = input.digest
    return artifact
  }

  /** Declares files; `uploadNeeded` is false when bytes with that md5 are already stored. */
  declareFile(spec: ArtifactInput): {
    artifact: FakeArtifact
    name: string
    md5: string
    uploadNeeded: boolean
  } {
    const artifact = this.get(String(spec.artifactID))
    const [name, md5] = [String(spec.name), String(spec.md5)]
    artifact.declaredFiles[name] = md5
    return { artifact, name, md5, uploadNeeded: !this.blobs.has(base64ToHex(md5)) }
  }

  putBlob(hex: string, bytes: Uint8Array): string | undefined {
    const actual = md5Hex(bytes)
    if (actual !== hex)
      return `uploaded bytes have md5 ${actual}, but the upload URL was issued for ${hex}`
    this.blobs.set(hex, bytes)
    return undefined
  }

  putManifest(artifactId: string, bytes: Uint8Array): string | undefined {
    const artifact = this.artifacts.find((a) => a.id === artifactId)
    if (!artifact) return `no artifact with id ${artifactId} for this manifest upload`
    const actual = md5Base64(bytes)
    if (artifact.manifestDigest && artifact.manifestDigest !== actual) {
      return `manifest bytes have md5 ${actual}, but createArtifactManifest declared ${artifact.manifestDigest}`
    }
    if (!parseManifest(bytes)) return 'the uploaded manifest is not a version 1 W&B manifest'
    artifact.manifestBytes = bytes
    this.blobs.set(md5Hex(bytes), bytes)
    return undefined
  }

  commit(artifactId: string): FakeArtifact {
    const artifact = this.get(artifactId)
    if (artifact.state === 'COMMITTED') return artifact
    const problem = this.commitProblem(artifact)
    if (problem) throw new Error(`commitArtifact ${artifact.collection}: ${problem}`)
    const siblings = this.collection(artifact.entity, artifact.project, artifact.collection)
    artifact.versionIndex = siblings.filter((a) => a.state === 'COMMITTED').length
    artifact.state = 'COMMITTED'
    this.applyAliases(artifact, [`v${artifact.versionIndex}`, ...artifact.requestedAliases])
    return artifact
  }

  resolve(entity: string, project: string, nameAndAlias: string): FakeArtifact | undefined {
    const colon = nameAndAlias.lastIndexOf(':')
    const name = colon < 0 ? nameAndAlias : nameAndAlias.slice(0, colon)
    const alias = colon < 0 ? 'latest' : nameAndAlias.slice(colon + 1)
    const candidates = this.collection(entity, project, name)
    return (
      candidates.find((a) => a.aliases.includes(alias)) ??
      candidates.find((a) => a.digest === alias)
    )
  }

  /** The bytes at W&B's computed address: a committed file of that collection with that md5, name and birth. */
  fileAt(address: FileAddress): Uint8Array | undefined {
    const owners = this.collection(address.entity, address.project, address.collection)
    return owners.some((a) => a.state === 'COMMITTED' && holds(a, address))
      ? this.blobs.get(address.md5Hex)
      : undefined
  }

  collection(entity: string, project: string, name: string): FakeArtifact[] {
    return this.artifacts.filter(
      (a) => a.entity === entity && a.project === project && a.collection === name,
    )
  }

  private commitProblem(artifact: FakeArtifact): string | undefined {
    const manifest = artifact.manifest
    if (!manifest) return 'the manifest was never uploaded'
    const missing = Object.entries(manifest.contents).filter(
      ([, e]) => e.ref === undefined && !this.blobs.has(base64ToHex(e.digest)),
    )
    if (missing.length) return `no bytes were uploaded for ${missing.map(([p]) => p).join(', ')}`
    const digest = manifestDigest(manifest)
    if (digest !== artifact.digest)
      return `the manifest digests to ${digest}, not ${artifact.digest}`
    return undefined
  }

  private applyAliases(artifact: FakeArtifact, aliases: string[]): void {
    for (const other of this.collection(artifact.entity, artifact.project, artifact.collection)) {
      if (other !== artifact) other.aliases = other.aliases.filter((a) => !aliases.includes(a))
    }
    artifact.aliases = [...new Set([...artifact.aliases, ...aliases])]
  }
}

function holds(artifact: FakeArtifact, address: FileAddress): boolean {
  const manifest = artifact.manifest
  if (!manifest || storageRegion(manifest.storagePolicyConfig) !== address.region) return false
  return Object.entries(manifest.contents).some(
    ([path, e]) =>
      base64ToHex(e.digest) === address.md5Hex &&
      path.split('/').pop() === address.name &&
      (e.birthArtifactID ?? artifact.id) === address.birthArtifactId,
  )
}

function storageRegion(config: unknown): string {
  return isRecord(config) && typeof config.storageRegion === 'string'
    ? config.storageRegion
    : 'default'
}

function artifactIdentity(input: ArtifactInput): ArtifactIdentity {
  const collection = str(input.artifactCollectionName) ?? strings(input.artifactCollectionNames)[0]
  const [entity, project, type, digest] = [
    input.entityName,
    input.projectName,
    input.artifactTypeName,
    input.digest,
  ].map(str)
  if (!collection || !entity || !project || !type || digest === undefined) {
    throw new Error(
      'createArtifact needs entityName, projectName, artifactTypeName, digest and a collection.',
    )
  }
  const metadataJson = str(input.metadata) ?? null
  if (metadataJson !== null && !isJson(metadataJson)) {
    throw new Error('createArtifact: metadata must be a JSON string.')
  }
  const [runName, description] = [str(input.runName) ?? null, str(input.description) ?? null]
  return { entity, project, collection, type, digest, runName, metadataJson, description }
}

function aliasesFor(input: ArtifactInput, collection: string): string[] {
  const aliases = Array.isArray(input.aliases) ? (input.aliases as ArtifactInput[]) : []
  return aliases
    .filter((a) => (a.artifactCollectionName ?? collection) === collection)
    .flatMap((a) => strings([a.alias]))
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}
