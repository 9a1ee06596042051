import type { RemoteSessions } from '../compare/remote-spec.js'

/** W&B sources for `diff`, until sessions can be downloaded from W&B: each fetch fails, saying so. */
export const unsupportedRemoteSessions: RemoteSessions = {
  fetch: async () => ({ ok: false, reason: 'W&B sources are not supported yet' }),
}
