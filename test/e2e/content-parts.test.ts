import { getEncoding } from 'js-tiktoken'
import { beforeAll, describe, expect, it } from 'vitest'
import type { TestRecord } from '../../src/session/test-record.js'
import { readOnlySession, testNamed } from './support/read-session.js'
import { runFixture } from './support/run-fixture.js'
import type { FixtureRun } from './support/run-fixture.js'

const PROMPT =
  'system: Answer from the receipt.\nuser: Can I return this? [image][file: receipt.pdf][audio]'
const COMPLETION = 'assistant: Yes, within 30 days.'

describe('messages whose content is a list of parts, in a real run', () => {
  let run: FixtureRun
  let record: TestRecord

  beforeAll(async () => {
    run = await runFixture('content-parts', [], { WANDB_API_KEY: '' })
    record = testNamed(readOnlySession(run.dir), 'an LLM call whose messages are lists of parts')
  }, 120_000)

  it('shows the text of the parts in order, with placeholders for the others', () => {
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    const llm = record.traces[0]?.rootSpan
    expect(llm).toMatchObject({ name: 'llm', span_kind: 'LLM', status_code: 'SUCCESS' })
    expect(llm?.results?.[0]?.inputs).toMatchObject({ messages: PROMPT })
    expect(JSON.stringify(llm)).not.toContain('[object Object]')
    expect(JSON.stringify(llm?.results?.[0]?.outputs)).toContain('Yes, within 30 days.')
  })

  it('counts the tokens of the rendered text, as cl100k encodes it', () => {
    const cl100k = getEncoding('cl100k_base')
    const prompt = cl100k.encode(PROMPT).length
    const completion = cl100k.encode(COMPLETION).length
    expect(record.traces[0]?.rootSpan.attributes).toEqual({
      formatted_prompt_tokens_count: prompt,
      prediction_tokens_count: completion,
      total_tokens_used: prompt + completion,
    })
  })
})
