import { RUN_SESSION_FILE } from '../compare/locate-session-file.js'

/** The sources `diff` and `report` read a session from, as their help lists them. */
export const SESSION_SOURCES = `  a session file        .vitest-wandb/session-20260101-120000-ab12.jsonl
  a folder of them      .vitest-wandb/ (the session its \`latest\` file names, else
                        the newest), or a project folder that holds .vitest-wandb/
  a W&B run folder      wandb/offline-run-20260101_120000-ab12cd34, whose
                        session is ${RUN_SESSION_FILE}
  a W&B run             entity/project/runId or its URL; or branch:<name>, the
                        newest finished run of the project on that git branch
                        (downloaded with WANDB_API_KEY, else ~/.netrc)
A path that exists is always read as a path.`
