import { describe, expect, it } from 'vitest'
import { messageText, messagesText, textOf } from '../../src/trace/text.js'

describe('messageText', () => {
  it('prints a chat message as `role: content`', () => {
    expect(messageText({ role: 'user', content: 'refund?' })).toBe('user: refund?')
    expect(messageText({ role: 'assistant', content: '' })).toBe('assistant: ')
  })

  it('renders multi-part content: text parts in order, other parts as placeholders', () => {
    const message = {
      role: 'user',
      content: [{ type: 'text', text: 'look at ' }, { type: 'image_url' }, 'this'],
    }
    expect(messageText(message)).toBe('user: look at [image]this')
    expect(
      messageText({ role: 'user', content: [{ type: 'file', file: { filename: 'a.pdf' } }] }),
    ).toBe('user: [file: a.pdf]')
    expect(messageText({ role: 'user', content: { source: 'x' } })).toBe('user: [part]')
  })

  it('prints a message without a role as its content, and a string as itself', () => {
    expect(messageText({ content: 'no role' })).toBe('no role')
    expect(messageText('already text')).toBe('already text')
    expect(messageText({ role: 'tool', content: 7 })).toBe('tool: 7')
  })
})

describe('messagesText', () => {
  it('joins messages with newlines', () => {
    const messages = [
      { role: 'system', content: 'be brief' },
      { role: 'user', content: 'refund?' },
    ]
    expect(messagesText(messages)).toBe('system: be brief\nuser: refund?')
    expect(messagesText([])).toBe('')
  })
})

describe('textOf', () => {
  it('reads strings and scalars as text', () => {
    expect(textOf('30 days')).toBe('30 days')
    expect(textOf(42)).toBe('42')
    expect(textOf(undefined)).toBeUndefined()
    expect(textOf(null)).toBeUndefined()
  })

  it('reads the text of engine, completion and stream-delta responses', () => {
    expect(textOf({ response: '30 days', sourceNodes: [] })).toBe('30 days')
    expect(textOf({ text: 'completed' })).toBe('completed')
    expect(textOf({ delta: 'tok' })).toBe('tok')
  })

  it('reads a chat response as its message', () => {
    const chat = { message: { role: 'assistant', content: 'hi' }, raw: {} }
    expect(textOf(chat)).toBe('assistant: hi')
    expect(textOf({ content: [{ text: 'a' }, { text: 'b' }] })).toBe('ab')
    const parts = [
      { type: 'text', text: 'It is a receipt.' },
      { type: 'image', source: {} },
    ]
    expect(textOf({ message: { role: 'assistant', content: parts } })).toBe(
      'assistant: It is a receipt.[image]',
    )
    expect(textOf({ content: parts })).toBe('It is a receipt.[image]')
    expect(textOf([{ role: 'user', content: 'x' }, 'y'])).toBe('user: x\ny')
  })

  it('gives undefined for objects it cannot read', () => {
    expect(textOf({ unrelated: 1 })).toBeUndefined()
  })

  it('survives throwing getters and toString', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('no reads')
        },
      },
    )
    expect(textOf(hostile)).toBeUndefined()
    const { proxy: revoked, revoke } = Proxy.revocable([], {})
    revoke()
    expect(textOf(revoked)).toBeUndefined()
    const symbolText = textOf(Symbol('s'))
    expect(symbolText).toBe('Symbol(s)')
  })
})
