/** A message in protobuf text format: fields in order, scalars as their literal text. */
export class TextMessage {
  constructor(readonly fields: ReadonlyArray<{ name: string; value: string | TextMessage }>) {}

  has(name: string): boolean {
    return this.fields.some((f) => f.name === name)
  }

  names(): string[] {
    return this.fields.map((f) => f.name)
  }

  scalar(name: string): string | undefined {
    const value = this.fields.findLast((f) => f.name === name)?.value
    if (value instanceof TextMessage) throw new Error(`${name} is a message, not a scalar`)
    return value
  }

  scalars(name: string): string[] {
    return this.fields.filter((f) => f.name === name).map((f) => String(f.value))
  }

  message(name: string): TextMessage | undefined {
    return this.messages(name).at(-1)
  }

  messages(name: string): TextMessage[] {
    return this.fields.flatMap((f) => {
      if (f.name !== name) return []
      if (!(f.value instanceof TextMessage)) throw new Error(`${name} is a scalar, not a message`)
      return [f.value]
    })
  }
}

const TOKEN = /\s*(?:("(?:[^"\\]|\\.)*")|([{}:])|([-+\w.]+))/y

/** Parses the single-line protobuf text format that Python's `text_format` prints. */
export function parseTextFormat(text: string): TextMessage {
  const tokens = tokenize(text)
  let at = 0
  const next = (): string => {
    const token = tokens[at++]
    if (token === undefined) throw new Error('unexpected end of text format')
    return token
  }
  const parseMessage = (closing: string | undefined): TextMessage => {
    const fields: Array<{ name: string; value: string | TextMessage }> = []
    while (at < tokens.length && tokens[at] !== closing) {
      const name = next()
      let token = next()
      if (token === ':') token = next()
      fields.push({ name, value: token === '{' ? parseMessage('}') : scalarValue(token) })
    }
    if (closing !== undefined && next() !== closing) throw new Error(`expected ${closing}`)
    return new TextMessage(fields)
  }
  return parseMessage(undefined)
}

function tokenize(text: string): string[] {
  const tokens: string[] = []
  TOKEN.lastIndex = 0
  while (TOKEN.lastIndex < text.trimEnd().length) {
    const match = TOKEN.exec(text)
    if (!match) throw new Error(`cannot tokenize text format at ${TOKEN.lastIndex}`)
    tokens.push(match[1] ?? match[2] ?? match[3] ?? '')
  }
  return tokens
}

function scalarValue(token: string): string {
  return token.startsWith('"') ? unescape(token.slice(1, -1)) : token
}

const SIMPLE_ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, '"': 34, "'": 39, '\\': 92 }

function unescape(body: string): string {
  const bytes: number[] = []
  for (let i = 0; i < body.length; i++) {
    const char = body[i] as string
    if (char !== '\\') {
      bytes.push(...new TextEncoder().encode(char))
      continue
    }
    const escaped = body[++i] as string
    const octal = /^[0-7]{1,3}/.exec(body.slice(i))?.[0]
    if (octal) {
      bytes.push(parseInt(octal, 8))
      i += octal.length - 1
    } else if (escaped in SIMPLE_ESCAPES) {
      bytes.push(SIMPLE_ESCAPES[escaped] as number)
    } else {
      throw new Error(`unsupported escape \\${escaped} in text format`)
    }
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes))
}

export interface TextRecord {
  index: number
  type: string
  bytes: number
  message: TextMessage
}

/** Reads a `.records.txt` file: a `--- record #N type=T bytes=B` line, then the record. */
export function parseRecordsText(text: string): TextRecord[] {
  const lines = text.split('\n')
  const records: TextRecord[] = []
  for (let i = 0; i < lines.length; i++) {
    const head = /^--- record #(\d+) type=(\w+) bytes=(\d+)$/.exec(lines[i] as string)
    if (!head) continue
    records.push({
      index: Number(head[1]),
      type: head[2] as string,
      bytes: Number(head[3]),
      message: parseTextFormat(lines[++i] ?? ''),
    })
  }
  return records
}
