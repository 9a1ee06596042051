import { MAX_CONTENT_PARTS, PART_NAME_CHARS } from './limits.js'
import { isList, readKey, stringOf } from './read.js'
import { truncateText } from './truncate.js'

const TEXT_PART_TYPES: ReadonlySet<string> = new Set(['text', 'input_text', 'output_text'])
const FILE_PART_TYPES: ReadonlySet<string> = new Set(['file', 'input_file'])
const PLACEHOLDER_BY_PART_TYPE: ReadonlyMap<string, string> = new Map([
  ['image_url', '[image]'],
  ['image', '[image]'],
  ['input_image', '[image]'],
  ['input_audio', '[audio]'],
  ['audio', '[audio]'],
  ['document', '[document]'],
])
/** What an object that is no part this knows (no type, no text) stands as. */
const UNKNOWN_PART = '[part]'

/**
 * The text a message's content stands for: a string as it is; a list of parts (OpenAI, Anthropic,
 * LlamaIndex.TS) as its text parts in order, with short placeholders for images, audio, files and
 * other parts; any other value as one part. Only reads the content, and never throws.
 */
export function contentText(content: unknown): string {
  return isList(content) ? partsText(content) : partText(content)
}

function partsText(parts: readonly unknown[]): string {
  const length = readKey(parts, 'length')
  const count = typeof length === 'number' && length > 0 ? length : 0
  const rendered = Math.min(count, MAX_CONTENT_PARTS)
  let text = ''
  for (let index = 0; index < rendered; index += 1) text += partText(readKey(parts, index))
  return count > rendered ? `${text}[${count - rendered} more parts]` : text
}

function partText(part: unknown): string {
  if (typeof part === 'string') return part
  if (part === undefined || part === null) return ''
  if (typeof part === 'function') return UNKNOWN_PART
  if (typeof part !== 'object') return stringOf(part)
  const type = readKey(part, 'type')
  const text = readKey(part, 'text')
  if (typeof type !== 'string' || type === '') return typeof text === 'string' ? text : UNKNOWN_PART
  if (TEXT_PART_TYPES.has(type)) return typeof text === 'string' ? text : ''
  if (FILE_PART_TYPES.has(type)) return fileText(part)
  return PLACEHOLDER_BY_PART_TYPE.get(type) ?? `[${truncateText(type, PART_NAME_CHARS)}]`
}

// OpenAI names a chat file part in `file.filename`, a Responses API one in `filename`.
function fileText(part: object): string {
  const name = [readKey(readKey(part, 'file'), 'filename'), readKey(part, 'filename')].find(
    (each) => typeof each === 'string' && each !== '',
  )
  return typeof name === 'string' ? `[file: ${truncateText(name, PART_NAME_CHARS)}]` : '[file]'
}
