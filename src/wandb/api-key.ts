const MIN_SECRET_CHARS = 40

/**
 * Why W&B's own client would refuse `key`, or undefined when it would take it. Keys are 40
 * characters on the public cloud; dedicated and local servers add a prefix ending in `-`. The key
 * itself is never part of the answer.
 */
export function apiKeyProblem(key: string): string | undefined {
  const secret = key.slice(key.lastIndexOf('-') + 1)
  if (!/^[\p{L}\p{N}_]+$/u.test(secret)) {
    return 'it holds characters other than letters, digits and underscores after its last "-"'
  }
  if (secret.length < MIN_SECRET_CHARS) {
    return `it has ${secret.length} characters where W&B keys have ${MIN_SECRET_CHARS} or more`
  }
  return undefined
}
