import { contentText } from './content-text.js'
import { isList, readFirst, readKey, stringOf } from './read.js'

/**
 * The text a response-like value stands for: a string; an engine response's `response`; a chat
 * response's message content; a completion's `text`; a message list's contents. Undefined when
 * the value holds no text this knows how to read.
 */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'object') return stringOf(value)
  if (isList(value)) return messagesText(value)
  const direct = readFirst(value, ['response', 'text', 'delta'])
  if (typeof direct === 'string') return direct
  const message = readKey(value, 'message')
  if (message !== undefined) return messageText(message)
  const content = readKey(value, 'content')
  return content === undefined ? undefined : contentText(content)
}

/** A chat message as the seed prints it: `role: content`. */
export function messageText(message: unknown): string {
  if (typeof message === 'string') return message
  const role = readKey(message, 'role')
  const content = contentText(readKey(message, 'content'))
  return typeof role === 'string' ? `${role}: ${content}` : content
}

/** Messages joined by newlines, as the seed does. */
export function messagesText(messages: readonly unknown[]): string {
  return messages.map(messageText).join('\n')
}
