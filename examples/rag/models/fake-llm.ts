import { wrapLLMEvent } from '@llamaindex/core/decorator'
import { ToolCallLLM } from 'llamaindex'
import type {
  ChatMessage,
  ChatResponse,
  ChatResponseChunk,
  LLMChatParamsNonStreaming,
  LLMChatParamsStreaming,
  LLMMetadata,
  ToolCall,
  ToolCallLLMMessageOptions,
} from 'llamaindex'

/** What the fake model says: text, and optionally one tool call. */
export interface FakeReply {
  readonly content: string
  readonly toolCall?: ToolCall
}

export type FakeResponder = (messages: readonly ChatMessage[]) => FakeReply

/**
 * A deterministic chat model with no network. `chat` is wrapped with `wrapLLMEvent`, as real
 * LlamaIndex.TS models are, so it emits llm-start, llm-stream and llm-end. Streamed replies come
 * one word a chunk.
 */
export class FakeLLM extends ToolCallLLM {
  readonly supportToolCall = true
  readonly metadata: LLMMetadata = {
    model: 'fake-llm',
    temperature: 0,
    topP: 1,
    contextWindow: 4096,
    tokenizer: undefined,
    structuredOutput: false,
  }

  constructor(private readonly respond: FakeResponder = answerFromContext) {
    super()
  }

  chat(
    params: LLMChatParamsStreaming<object, ToolCallLLMMessageOptions>,
  ): Promise<AsyncIterable<ChatResponseChunk<ToolCallLLMMessageOptions>>>
  chat(
    params: LLMChatParamsNonStreaming<object, ToolCallLLMMessageOptions>,
  ): Promise<ChatResponse<ToolCallLLMMessageOptions>>
  async chat(
    params:
      | LLMChatParamsStreaming<object, ToolCallLLMMessageOptions>
      | LLMChatParamsNonStreaming<object, ToolCallLLMMessageOptions>,
  ): Promise<
    | AsyncIterable<ChatResponseChunk<ToolCallLLMMessageOptions>>
    | ChatResponse<ToolCallLLMMessageOptions>
  > {
    const reply = this.respond(params.messages)
    const options = reply.toolCall === undefined ? {} : { toolCall: [reply.toolCall] }
    if (params.stream === true) return streamWords(reply.content, options)
    return { message: { role: 'assistant', content: reply.content, options }, raw: null }
  }
}

// What `@wrapLLMEvent` on `chat` does, applied by hand: the test transform has no decorators.
FakeLLM.prototype.chat = wrapLLMEvent(
  FakeLLM.prototype.chat,
  {} as ClassMethodDecoratorContext,
) as typeof FakeLLM.prototype.chat

async function* streamWords(
  content: string,
  options: ToolCallLLMMessageOptions,
): AsyncIterable<ChatResponseChunk<ToolCallLLMMessageOptions>> {
  const words = content.split(/(?<= )/)
  for (const [index, delta] of words.entries())
    yield { delta, raw: null, ...(index === 0 ? { options } : {}) }
}

/** Answers with the first sentence of the context in a question-answering prompt. */
export function answerFromContext(messages: readonly ChatMessage[]): FakeReply {
  const prompt = lastText(messages)
  const context = prompt.split('---------------------\n')[1] ?? prompt
  const sentence = context.split(/(?<=\.)\s/)[0]?.trim() ?? ''
  return { content: sentence === '' ? 'I do not know.' : sentence }
}

/** Replies to a sub-question prompt with these sub-questions, and to anything else from context. */
export function subQuestionResponder(
  subQuestions: readonly { readonly subQuestion: string; readonly toolName: string }[],
): FakeResponder {
  return (messages) =>
    lastText(messages).includes('<User Question>')
      ? { content: `\`\`\`json\n${JSON.stringify(subQuestions)}\n\`\`\`` }
      : answerFromContext(messages)
}

/** A model whose every call fails, as an unreachable provider would. */
export function failingResponder(message: string): FakeResponder {
  return () => {
    throw new Error(message)
  }
}

export function lastText(messages: readonly ChatMessage[]): string {
  const content = messages.at(-1)?.content
  if (typeof content === 'string') return content
  return (content ?? []).map((part) => ('text' in part ? part.text : '')).join('')
}

/** Calls `toolName` with `input` first, then answers with the tool's result. */
export function toolCallingResponder(toolName: string, input: ToolCall['input']): FakeResponder {
  return (messages) => {
    const result = messages.findLast((message) => 'toolResult' in (message.options ?? {}))
    if (result === undefined)
      return { content: '', toolCall: { id: 'call_1', name: toolName, input } }
    return { content: `The handbook says: ${lastText([result])}` }
  }
}

/**
 * A deterministic faithfulness judge for LlamaIndex.TS's `FaithfulnessEvaluator`: YES when most
 * words of the information it checks appear in the context it is given, else NO; asked to refine
 * an answer that was already YES, it stays YES, as the evaluator's refine prompt says.
 */
export function faithfulnessJudge(messages: readonly ChatMessage[]): FakeReply {
  const prompt = lastText(messages)
  if (prompt.includes('existing YES/NO answer: YES')) return { content: 'YES' }
  const [information, context] = prompt.includes('Information: ')
    ? (prompt.split('Information: ').at(-1) ?? '').split('\nContext: ')
    : refineParts(prompt)
  const words = information?.toLowerCase().match(/[a-z0-9]{4,}/g) ?? []
  const found = words.filter((word) => (context ?? '').toLowerCase().includes(word))
  return { content: words.length > 0 && found.length / words.length >= 0.6 ? 'YES' : 'NO' }
}

// The refine prompt names the information after `context information:` and fences the new context.
function refineParts(prompt: string): [string, string] {
  const information = /context information: ([\s\S]*?)\nWe have provided/.exec(prompt)?.[1] ?? ''
  const context = prompt.split('------------\n')[1] ?? ''
  return [information, context]
}
