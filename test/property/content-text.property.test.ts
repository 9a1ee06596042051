import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { contentText } from '../../src/trace/content-text.js'
import { contentRecipe } from './hostile-recipes.js'
import { build, cloneIfPossible, sameCopies } from './hostile-values.js'
import { NUM_RUNS } from './runs.js'

// The part types with a rendering of their own; any other type is shown by its name.
const RENDERED_TYPES = new Set([
  'text',
  'input_text',
  'output_text',
  'image_url',
  'image',
  'input_image',
  'input_audio',
  'audio',
  'file',
  'input_file',
  'document',
])
const placeholderPart = fc.constantFrom<readonly [unknown, string]>(
  [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }, '[image]'],
  [{ type: 'image', source: { type: 'base64', data: 'AAAA' } }, '[image]'],
  [{ type: 'input_image', image_url: 'https://example.com/a.png' }, '[image]'],
  [{ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }, '[audio]'],
  [{ type: 'audio', data: 'AAAA', mimeType: 'audio/wav' }, '[audio]'],
  [{ type: 'document', source: {} }, '[document]'],
  [{ type: 'file', data: 'AAAA', mimeType: 'application/pdf' }, '[file]'],
)
const name = fc.string({ minLength: 1, maxLength: 30 })
// Each part with the text it stands for.
const part: fc.Arbitrary<readonly [unknown, string]> = fc.oneof(
  fc.string().map((text) => [text, text] as const),
  fc.string().map((text) => [{ type: 'text', text }, text] as const),
  fc.string().map((text) => [{ text }, text] as const),
  placeholderPart,
  name.map((file) => [{ type: 'file', file: { filename: file } }, `[file: ${file}]`] as const),
  name
    .filter((type) => !RENDERED_TYPES.has(type))
    .map((type) => [{ type, data: 'x' }, `[${type}]`] as const),
)

describe('contentText', () => {
  it('renders a list of parts as the text of each part, in order', () => {
    fc.assert(
      fc.property(fc.array(part, { maxLength: 8 }), (pairs) => {
        const parts = pairs.map(([value]) => value)
        expect(contentText(parts)).toBe(pairs.map(([, text]) => text).join(''))
      }),
      { numRuns: NUM_RUNS },
    )
  })

  it('never throws and never changes the content, whatever it holds', () => {
    fc.assert(
      fc.property(contentRecipe, (recipe) => {
        const { value, mutations } = build(recipe)
        const before = cloneIfPossible(value)
        expect(typeof contentText(value)).toBe('string')
        expect(mutations).toEqual([])
        if (before === undefined) return
        const after = cloneIfPossible(value)
        expect(after !== undefined && sameCopies(after, before)).toBe(true)
      }),
      { numRuns: NUM_RUNS },
    )
  })
})
