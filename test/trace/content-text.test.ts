import { describe, expect, it } from 'vitest'
import { contentText } from '../../src/trace/content-text.js'
import { MAX_CONTENT_PARTS, PART_NAME_CHARS } from '../../src/trace/limits.js'
import { deepFreeze } from '../property/hostile-values.js'

const throwing = (): never => {
  throw new Error('no reads')
}

describe('contentText', () => {
  it('keeps a string as it is, and joins text parts in order', () => {
    expect(contentText('refund?')).toBe('refund?')
    expect(contentText('')).toBe('')
    expect(
      contentText([
        { type: 'text', text: 'How long ' },
        { type: 'text', text: 'do refunds take?' },
      ]),
    ).toBe('How long do refunds take?')
    expect(
      contentText([
        { type: 'input_text', text: 'in ' },
        { type: 'output_text', text: 'out' },
      ]),
    ).toBe('in out')
  })

  it('renders images, audio and documents as placeholders where they stand', () => {
    const parts = [
      { type: 'text', text: 'Compare ' },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
      { type: 'image', source: { type: 'base64', data: 'AAAA' } },
      { type: 'input_image', image_url: 'https://example.com/a.png' },
      { type: 'text', text: ' with ' },
      { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } },
      { type: 'audio', data: 'AAAA', mimeType: 'audio/wav' },
      { type: 'document', source: { type: 'text', data: 'the handbook' } },
    ]
    expect(contentText(parts)).toBe('Compare [image][image][image] with [audio][audio][document]')
  })

  it('names a file part by its file name when it has one', () => {
    expect(
      contentText([{ type: 'file', file: { filename: 'handbook.pdf', file_data: 'AAAA' } }]),
    ).toBe('[file: handbook.pdf]')
    expect(contentText([{ type: 'input_file', filename: 'terms.txt' }])).toBe('[file: terms.txt]')
    expect(contentText([{ type: 'file', data: 'AAAA', mimeType: 'application/pdf' }])).toBe(
      '[file]',
    )
    expect(contentText([{ type: 'file', file: { filename: '' } }])).toBe('[file]')
    expect(contentText([{ type: 'file', file: { filename: 7 } }])).toBe('[file]')
  })

  it('names a part of an unknown type by its type', () => {
    expect(
      contentText([
        { type: 'video', data: 'AAAA' },
        { type: 'refusal', refusal: 'no' },
      ]),
    ).toBe('[video][refusal]')
    expect(contentText([{ type: 'thinking', thinking: 'hmm', text: 'not shown' }])).toBe(
      '[thinking]',
    )
  })

  it('reads plain strings and untyped text objects among the parts as text', () => {
    expect(contentText(['look at ', { type: 'image_url' }, 'this'])).toBe('look at [image]this')
    expect(contentText([{ text: 'a' }, 'b', { text: 'c' }])).toBe('abc')
  })

  it('renders an empty list, holes, null and text parts without text as nothing', () => {
    expect(contentText([])).toBe('')
    expect(contentText([null, undefined, 'a', , 'b'])).toBe('ab')
    expect(contentText([{ type: 'text' }, { type: 'text', text: 5 }])).toBe('')
    expect(contentText(null)).toBe('')
    expect(contentText(undefined)).toBe('')
  })

  it('renders content that is not a list as one part, never as [object Object]', () => {
    expect(contentText({ type: 'text', text: 'one part' })).toBe('one part')
    expect(contentText({ type: 'image_url', image_url: { url: 'x' } })).toBe('[image]')
    expect(contentText({ role: 'user' })).toBe('[part]')
    expect(contentText(new Map([['text', 'x']]))).toBe('[part]')
    expect(contentText(() => 'source code')).toBe('[part]')
    expect(contentText(7)).toBe('7')
    expect(contentText(true)).toBe('true')
    expect(contentText(10n)).toBe('10')
    expect(contentText(Symbol('s'))).toBe('Symbol(s)')
  })

  it('marks parts that are neither text nor typed, and a nested list, as [part]', () => {
    const parts: unknown[] = ['a', { url: 'x' }, [{ type: 'text', text: 'nested' }], { type: '' }]
    expect(contentText(parts)).toBe('a[part][part][part]')
  })

  it('bounds the names a part carries', () => {
    const longName = 'n'.repeat(10_000)
    const file = contentText([{ type: 'file', file: { filename: longName } }])
    const unknown = contentText([{ type: longName }])
    for (const text of [file, unknown]) {
      expect(text.length).toBeLessThan(PART_NAME_CHARS + 60)
      expect(text).toMatch(/… \[truncated \d+ of 10000 chars\]\]$/)
    }
    expect(file.startsWith(`[file: ${'n'.repeat(PART_NAME_CHARS)}…`)).toBe(true)
  })

  it('renders at most MAX_CONTENT_PARTS parts and counts the rest', () => {
    const parts = Array.from({ length: MAX_CONTENT_PARTS + 5 }, () => 'x')
    expect(contentText(parts)).toBe(`${'x'.repeat(MAX_CONTENT_PARTS)}[5 more parts]`)
    const sparse: unknown[] = ['a']
    sparse.length = 2 ** 32 - 1
    expect(contentText(sparse)).toBe(`a[${2 ** 32 - 1 - MAX_CONTENT_PARTS} more parts]`)
  })

  it('keeps huge text whole: the shaper that shows it bounds it', () => {
    const huge = 'é'.repeat(100_000)
    expect(contentText([{ type: 'text', text: huge }, { type: 'image' }])).toBe(`${huge}[image]`)
  })

  it('never throws on throwing getters, throwing and revoked proxies, or a lying length', () => {
    const getter = Object.defineProperty({}, 'type', { get: throwing, enumerable: true })
    const throwingPart = new Proxy({}, { get: throwing })
    const throwingList = new Proxy(['a'], { get: throwing })
    const { proxy: revoked, revoke } = Proxy.revocable([], {})
    revoke()
    const lying = new Proxy(['a'], {
      get: (target, key) => (key === 'length' ? Number.NaN : Reflect.get(target, key)),
    })
    expect(contentText([getter, throwingPart, 'ok'])).toBe('[part][part]ok')
    expect(contentText(throwingList)).toBe('')
    expect(contentText(revoked)).toBe('[part]')
    expect(contentText(lying)).toBe('')
    const cyclic: unknown[] = ['a']
    cyclic.push(cyclic)
    expect(contentText(cyclic)).toBe('a[part]')
  })

  it('only reads the content: frozen content renders the same, and nothing is added to it', () => {
    const parts = [
      { type: 'text', text: 'see ' },
      { type: 'file', file: { filename: 'a.pdf' } },
    ]
    const copy = structuredClone(parts)
    deepFreeze(parts)
    expect(contentText(parts)).toBe('see [file: a.pdf]')
    expect(parts).toEqual(copy)
  })
})
