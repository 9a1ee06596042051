import { join } from 'node:path'

/**
 * Why an artifact path could leave its folder (absolute, `..`, empty segments, backslashes), or
 * undefined when it is a plain relative POSIX path. Manifests come from the network.
 */
export function pathProblem(path: string): string | undefined {
  const segments = path.split('/')
  const unsafe =
    path.includes('\\') ||
    path.includes('\0') ||
    segments.some((segment) => segment === '' || segment === '.' || segment === '..')
  return unsafe ? `the artifact path "${path}" is not a relative POSIX path` : undefined
}

/** Where an artifact path lives under `root`; throws for a path that could leave it. */
export function localPathOf(root: string, path: string): string {
  const problem = pathProblem(path)
  if (problem !== undefined) throw new Error(problem)
  return join(root, ...path.split('/'))
}
