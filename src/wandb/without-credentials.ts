// An ssh user name is the account public-key authentication logs in to (`git`), never a secret,
// and git's scp-like form `git@host:org/repo`, which W&B records as it is, carries it too.
const SSH_SCHEMES = new Set(['ssh:', 'git+ssh:', 'ssh+git:'])
const WITH_SCHEME = /^([a-z][a-z\d+.-]*:\/\/)/i
// `user:password@…` at the start of a remote without a scheme.
const LEADING_PASSWORD = /^[^/@]*:[^/]*@/

/**
 * A URL or git remote as it may be recorded or printed: a URL keeps no password, query or fragment,
 * and no user name unless it is an ssh account; git's scp-like remotes and local paths stay as they
 * are. What cannot be parsed loses everything up to its last `@`, where a secret could hide.
 */
export function withoutCredentials(value: string): string {
  const given = value.trim()
  if (!WITH_SCHEME.test(given)) return given.replace(LEADING_PASSWORD, '')
  let url: URL
  try {
    url = new URL(given)
  } catch {
    return given.replace(/^([a-z][a-z\d+.-]*:\/\/).*@/is, '$1')
  }
  const keepsUser = SSH_SCHEMES.has(url.protocol)
  const secretFree = url.password === '' && (keepsUser || url.username === '')
  if (secretFree && url.search === '' && url.hash === '') return given
  url.password = ''
  if (!keepsUser) url.username = ''
  url.search = ''
  url.hash = ''
  return url.href
}
