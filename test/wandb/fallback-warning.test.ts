import { describe, expect, it } from 'vitest'
import { fallbackWarning } from '../../src/wandb/fallback-warning.js'

const SAVED = 'the session was saved to wandb/offline-run-x'
const UPLOAD = 'upload it with `npx vitest-wandb sync wandb/offline-run-x`'
const AT = {
  kind: 'fallback',
  dir: 'wandb/offline-run-x',
  baseUrl: 'https://api.example.org',
} as const

describe('fallbackWarning', () => {
  it('says W&B could not be reached, and that uploading later is the fix', () => {
    expect(
      fallbackWarning({ ...AT, reason: 'connection failed (ECONNREFUSED)' }, SAVED, UPLOAD),
    ).toBe(
      `could not reach W&B at https://api.example.org (connection failed (ECONNREFUSED)); ${SAVED} — ${UPLOAD}.`,
    )
  })

  it('says a 401 is a rejected key, how to set one, and to upload only after that', () => {
    const line = fallbackWarning(
      { ...AT, reason: 'W&B rejected the API key (HTTP 401)', status: 401 },
      SAVED,
      UPLOAD,
    )
    expect(line).toBe(
      `W&B rejected the API key (HTTP 401) at https://api.example.org; ${SAVED} — set WANDB_API_KEY to your key from https://example.org/authorize or run \`wandb login --relogin\`, then ${UPLOAD}.`,
    )
    expect(line).not.toMatch(/could not reach|again/)
  })

  it('says a 403 is a key without access to the entity or project', () => {
    const line = fallbackWarning(
      { ...AT, reason: 'W&B rejected the API key (HTTP 403)', status: 403 },
      SAVED,
      UPLOAD,
    )
    expect(line).toMatch(/^W&B rejected the API key \(HTTP 403\) at https:\/\/api\.example\.org; /)
    expect(line).toContain('use a key that may write to this entity and project')
    expect(line).toMatch(new RegExp(`then ${UPLOAD.replace(/[`.*]/g, '\\$&')}\\.$`))
  })
})
