/**
 * The GA server events that carry one agent reply within a response: each function call
 * as an output item with its arguments, then the spoken text as an assistant message
 * with its transcript. Pure: the session decides when to send them.
 */

import { ServerEventType } from '../../src/protocol/realtimeEvents.ts';
import { newId } from './eventIds.ts';
import type { AgentReply } from './turnAgent.ts';

export interface ServerEvent {
  type: string;
  fields: Record<string, unknown>;
}

export interface ReplyEvents {
  events: ServerEvent[];
  /** The output items, as `response.done` lists them. */
  output: Record<string, unknown>[];
  /** The assistant message's item id, when the reply has words. */
  assistantItemId: string | null;
}

/**
 * `outOfOrder` (the out_of_order scenario) announces the assistant item after its
 * transcript deltas, as the real service has been seen to.
 */
export function replyEvents(responseId: string, reply: AgentReply, previousItemId: string | null, outOfOrder: boolean): ReplyEvents {
  const events: ServerEvent[] = [];
  const emit = (type: string, fields: Record<string, unknown>) => events.push({ type, fields });
  const output: Record<string, unknown>[] = [];
  reply.functionCalls.forEach((call, index) => {
    const item = {
      id: newId('item'),
      object: 'realtime.item',
      type: 'function_call',
      status: 'in_progress',
      call_id: newId('call'),
      name: call.name,
      arguments: '',
    };
    const args = JSON.stringify(call.arguments);
    emit(ServerEventType.responseOutputItemAdded, { response_id: responseId, output_index: index, item });
    emit(ServerEventType.responseFunctionCallArgumentsDelta, {
      response_id: responseId,
      item_id: item.id,
      output_index: index,
      call_id: item.call_id,
      delta: args,
    });
    emit(ServerEventType.responseFunctionCallArgumentsDone, {
      response_id: responseId,
      item_id: item.id,
      output_index: index,
      call_id: item.call_id,
      name: call.name,
      arguments: args,
    });
    const done = { ...item, status: 'completed', arguments: args };
    emit(ServerEventType.responseOutputItemDone, { response_id: responseId, output_index: index, item: done });
    output.push(done);
  });
  if (!reply.text) return { events, output, assistantItemId: null };

  const text = reply.text;
  const itemId = newId('item');
  const outputIndex = output.length;
  const item = { id: itemId, object: 'realtime.item', type: 'message', role: 'assistant', status: 'in_progress', content: [] };
  const announce = () => {
    emit(ServerEventType.responseOutputItemAdded, { response_id: responseId, output_index: outputIndex, item });
    emit(ServerEventType.conversationItemAdded, { previous_item_id: previousItemId, item });
  };
  if (!outOfOrder) announce();
  text.split(' ').forEach((word, index) => {
    emit(ServerEventType.responseOutputAudioTranscriptDelta, {
      response_id: responseId,
      item_id: itemId,
      output_index: outputIndex,
      content_index: 0,
      delta: index === 0 ? word : ` ${word}`,
    });
  });
  if (outOfOrder) announce();
  emit(ServerEventType.responseOutputAudioTranscriptDone, {
    response_id: responseId,
    item_id: itemId,
    output_index: outputIndex,
    content_index: 0,
    transcript: text,
  });
  const done = { ...item, status: 'completed', content: [{ type: 'output_audio', transcript: text }] };
  emit(ServerEventType.responseOutputItemDone, { response_id: responseId, output_index: outputIndex, item: done });
  output.push(done);
  return { events, output, assistantItemId: itemId };
}
