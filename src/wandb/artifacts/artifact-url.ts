/** `entity/project/name:alias` with the parts that were given. */
export interface ArtifactUrl {
  readonly entity: string | undefined
  readonly project: string | undefined
  readonly name: string
  readonly alias: string
}

const DEFAULT_ALIAS = 'latest'
const VERSION_OR_DIGEST = /^(v\d+|[0-9a-f]{32})$/

/**
 * Reads `name`, `project/name` or `entity/project/name`, each with an optional `:alias` (`latest`
 * when left out), as W&B's SDK does. Throws a sentence naming what is wrong.
 */
export function parseArtifactUrl(url: string): ArtifactUrl {
  const problem = (what: string): Error =>
    new Error(
      `"${url}" is not an artifact path: ${what}; write entity/project/name:alias (e.g. me/rag/handbook-index:v0).`,
    )
  if (typeof url !== 'string' || url.trim() === '') throw problem('it is empty')
  const parts = url.trim().split('/')
  if (parts.length > 3) throw problem('it has more than three parts')
  const last = parts.pop() as string
  const colon = last.lastIndexOf(':')
  const name = colon < 0 ? last : last.slice(0, colon)
  const alias = colon < 0 ? DEFAULT_ALIAS : last.slice(colon + 1)
  if (name === '') throw problem('the name is empty')
  if (alias === '') throw problem('the alias after ":" is empty')
  if (parts.some((part) => part === '')) throw problem('the entity or project is empty')
  const [entity, project] = parts.length === 2 ? parts : [undefined, parts[0]]
  return { entity, project, name, alias }
}

/** A version (`v3`) or a digest names one version forever; any other alias can move. */
export function isImmutableAlias(alias: string): boolean {
  return VERSION_OR_DIGEST.test(alias)
}
