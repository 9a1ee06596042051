import { existsSync, readFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseRecordsText } from './text-format.js'
import type { TextRecord } from './text-format.js'

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..')
const FIXTURES_DIR = resolve(REPO_ROOT, '../shared/wandb-fixtures')

export const FIXTURE_NAMES = ['upstream-run-g9dvvkua', 'reference-run-tsdemo01'] as const
export type FixtureName = (typeof FIXTURE_NAMES)[number]

export const FIXTURES_AVAILABLE = FIXTURE_NAMES.every((name) =>
  existsSync(resolve(FIXTURES_DIR, `${name}.wandb`)),
)

/** Appended to a suite title so that a skipped run says why. */
export const FIXTURES_NOTE = FIXTURES_AVAILABLE
  ? ''
  : ` (skipped: W&B's test vectors are not at ${relative(REPO_ROOT, FIXTURES_DIR)})`

export interface Fixture {
  name: FixtureName
  path: string
  bytes: Uint8Array
  records: TextRecord[]
}

export function loadFixture(name: FixtureName): Fixture {
  const path = resolve(FIXTURES_DIR, `${name}.wandb`)
  return {
    name,
    path,
    bytes: new Uint8Array(readFileSync(path)),
    records: parseRecordsText(readFileSync(resolve(FIXTURES_DIR, `${name}.records.txt`), 'utf8')),
  }
}
