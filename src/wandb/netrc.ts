import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

/** The password of `machine host` in a netrc file, as W&B's `wandb login` writes it; undefined when absent. */
export function netrcPassword(host: string, path: string = defaultNetrcPath()): string | undefined {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
  return passwordFor(
    host,
    text.split(/\s+/).filter((token) => token !== ''),
  )
}

function passwordFor(host: string, tokens: readonly string[]): string | undefined {
  let inMachine = false
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index]
    if (token === 'machine') inMachine = tokens[index + 1] === host
    else if (token === 'default') inMachine = false
    else if (inMachine && token === 'password') return tokens[index + 1]
  }
  return undefined
}

function defaultNetrcPath(): string {
  return process.env['NETRC'] ?? join(homedir(), '.netrc')
}
