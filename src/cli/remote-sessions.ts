import { wandbSessions } from '../baseline/wandb-sessions.js'
import type { RemoteSessions } from '../compare/remote-spec.js'
import { resolveWandbSettings } from '../wandb/settings.js'
import type { Environment } from './cli-command.js'
import type { WandbPlace } from './diff-args.js'

/** W&B sources for `diff`: the key, address and project from the environment, as `sync` reads them. */
export function remoteSessionsFor(env: Environment, where: WandbPlace): RemoteSessions {
  const settings = resolveWandbSettings(
    { entity: where.entity ?? env['WANDB_ENTITY'], project: where.project },
    env,
    process.cwd(),
  )
  return wandbSessions(settings)
}
