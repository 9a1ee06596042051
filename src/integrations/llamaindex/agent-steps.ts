import { CBEventType } from '../../events/event-type.js'
import { readKey } from '../../trace/read.js'
import type { MapEvent } from './map-event.js'
import { stepEndPayload, stepStartPayload } from './payloads.js'
import { idAt } from './read-id.js'
import type { OpenSpan, SpanTracker } from './span-tracker.js'
import { NO_TOOL_RESULT } from './tool-calls.js'

/**
 * An agent sends `agent-start` for every step and one `agent-end` for the last: each step ends when
 * the next one starts. The next step starts first, beside it, so the trace never goes idle between them.
 */
export const agentStepStarted: MapEvent = (spans, detail, caller) => {
  const step = readKey(detail, 'startStep')
  const previousStep = readKey(step, 'prevStep')
  const previous =
    previousStep === null || previousStep === undefined
      ? undefined
      : spans.find(CBEventType.AGENT_STEP, caller, idAt(previousStep, 'id'))
  spans.start(
    CBEventType.AGENT_STEP,
    caller,
    stepStartPayload(step),
    idAt(step, 'id'),
    previous?.parentId,
  )
  if (previous !== undefined) endStep(spans, previous, previousStep)
}

export const agentStepEnded: MapEvent = (spans, detail, caller) => {
  const step = readKey(detail, 'endStep')
  const span = spans.find(CBEventType.AGENT_STEP, caller, idAt(step, 'id'))
  if (span !== undefined) endStep(spans, span, step)
}

// A tool call with no result by the end of its step failed.
function endStep(spans: SpanTracker, span: OpenSpan, step: unknown): void {
  for (const child of spans.childrenOf(span)) {
    if (child.type === CBEventType.FUNCTION_CALL) spans.end(child, NO_TOOL_RESULT)
  }
  spans.end(span, stepEndPayload(step))
}
