const NAME_PATTERN = /^[A-Za-z0-9._-]+$/
export const MAX_NAME_LENGTH = 128

/** Why W&B would reject `name` as an artifact name, or undefined when it is valid. */
export function artifactNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name === '') return 'the index name must be a non-empty string'
  if (name.length > MAX_NAME_LENGTH) {
    return `the index name "${name.slice(0, 40)}…" is ${name.length} characters long; W&B allows at most ${MAX_NAME_LENGTH}`
  }
  if (!NAME_PATTERN.test(name)) {
    return `the index name "${name}" is not a valid W&B artifact name: use only letters, digits, "-", "_" and "."`
  }
  return undefined
}
