/** Payload keys, with the string values of LlamaIndex's Python `EventPayload`. */
export const EventPayload = {
  DOCUMENTS: 'documents',
  CHUNKS: 'chunks',
  NODES: 'nodes',
  PROMPT: 'formatted_prompt',
  MESSAGES: 'messages',
  COMPLETION: 'completion',
  RESPONSE: 'response',
  QUERY_STR: 'query_str',
  SUB_QUESTION: 'sub_question',
  EMBEDDINGS: 'embeddings',
  TOP_K: 'top_k',
  ADDITIONAL_KWARGS: 'additional_kwargs',
  SERIALIZED: 'serialized',
  FUNCTION_CALL: 'function_call',
  FUNCTION_OUTPUT: 'function_call_response',
  TOOL: 'tool',
  MODEL_NAME: 'model_name',
  TEMPLATE: 'template',
  TEMPLATE_VARS: 'template_vars',
  SYSTEM_PROMPT: 'system_prompt',
  QUERY_WRAPPER_PROMPT: 'query_wrapper_prompt',
  EXCEPTION: 'exception',
} as const

export type EventPayload = (typeof EventPayload)[keyof typeof EventPayload]

/** What an event carries: any keys, usually the `EventPayload` ones. Never mutated by this package. */
export type EventPayloadRecord = Readonly<Record<string, unknown>>
