import { nodeId } from './hashes.js'
import {
  artifactFile,
  artifactObject,
  connection,
  entityObject,
  fileConnection,
  manifestObject,
  projectObject,
  runObject,
  type ResolverContext,
} from './graphql-objects.js'

type Input = { input: Record<string, unknown> }

/** Root fields of Query and Mutation the fake answers; everything else in the schema resolves to null. */
export function rootValue(ctx: ResolverContext): Record<string, unknown> {
  const fields: Record<string, (args: never) => unknown> = {
    viewer: () => viewerObject(ctx),
    artifact: ({ id }: { id: string }) => {
      const artifact = ctx.artifacts.find(id)
      return artifact ? artifactObject(ctx, artifact) : null
    },
    model: (args: ProjectArgs) => findProject(ctx, args),
    project: (args: ProjectArgs) => findProject(ctx, args),
    upsertBucket: ({ input }: Input) => {
      const { run, inserted } = ctx.runs.upsert(input, ctx.viewer.entity)
      return {
        bucket: runObject(ctx, run),
        inserted,
        updateAvailable: false,
        clientMutationId: input.clientMutationId,
      }
    },
    createArtifact: ({ input }: Input) => ({
      artifact: artifactObject(ctx, ctx.artifacts.create(input)),
      artifactActions: [],
      clientMutationId: input.clientMutationId,
    }),
    createArtifactManifest: ({ input }: Input) => {
      const artifact = ctx.artifacts.createManifest(input)
      return {
        artifactManifest: manifestObject(ctx, artifact),
        clientMutationId: input.clientMutationId,
      }
    },
    createArtifactFiles: ({ input }: Input) => {
      const specs = Array.isArray(input.artifactFiles)
        ? (input.artifactFiles as Array<Record<string, unknown>>)
        : []
      const files = specs.map((spec) => {
        const { artifact, name, md5, uploadNeeded } = ctx.artifacts.declareFile(spec)
        return artifactFile(ctx, artifact, name, md5, uploadNeeded)
      })
      return { files: fileConnection(files), clientMutationId: input.clientMutationId }
    },
    commitArtifact: ({ input }: Input) => ({
      artifact: artifactObject(ctx, ctx.artifacts.commit(String(input.artifactID))),
      clientMutationId: input.clientMutationId,
    }),
    useArtifact: ({ input }: Input) => useArtifact(ctx, input),
  }
  const entries = Object.entries(fields).map(([name, fn]) => [
    name,
    (args: never) => recorded(ctx, () => fn(args)),
  ])
  return Object.fromEntries(entries)
}

type ProjectArgs = { name?: string | null; entityName?: string | null }

function findProject(ctx: ResolverContext, { name, entityName }: ProjectArgs) {
  const entity = entityName ?? ctx.viewer.entity
  const project = name ?? 'uncategorized'
  const exists =
    ctx.runs.runs.some((r) => r.entity === entity && r.project === project) ||
    ctx.artifacts.artifacts.some((a) => a.entity === entity && a.project === project)
  return exists ? projectObject(ctx, entity, project) : null
}

function viewerObject(ctx: ResolverContext) {
  const { entity, username, email } = ctx.viewer
  return {
    id: nodeId('User', username),
    name: username,
    username,
    email,
    entity,
    admin: false,
    apiKey: null,
    flags: '{}',
    createdAt: new Date().toISOString(),
    hideTeamsFromPublic: false,
    private: false,
    signupRequired: false,
    photoUploadUrl: '',
    uploadHeaders: [],
    emails: [],
    organizations: [],
    defaultEntity: () => entityObject(entity),
    userEntity: () => entityObject(entity),
    teams: () => connection([entityObject(entity)]),
  }
}

function useArtifact(ctx: ResolverContext, input: Record<string, unknown>) {
  const artifact = ctx.artifacts.get(String(input.artifactID))
  const [entity, project, name] = [input.entityName, input.projectName, input.runName].map(String)
  const run = ctx.runs.find(entity ?? '', project ?? '', name ?? '')
  if (!run) {
    throw new Error(
      `useArtifact: no run ${entity}/${project}/${name}; create it with upsertBucket first.`,
    )
  }
  run.usedArtifactIds.push(artifact.id)
  artifact.usedBy.push(run.path)
  return {
    artifact: artifactObject(ctx, artifact),
    run: runObject(ctx, run),
    clientMutationId: input.clientMutationId,
  }
}

/** Failures the client must see are also recorded, so a test can assert the fake saw no protocol errors. */
function recorded<T>(ctx: ResolverContext, fn: () => T): T {
  try {
    return fn()
  } catch (error) {
    ctx.errors.push(error instanceof Error ? error.message : String(error))
    throw error
  }
}
