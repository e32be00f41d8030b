/**
 * The GA server events that carry one agent reply within a response, in the order the
 * service sends them: each function call as an output item that is also a conversation
 * item, with its arguments; then the words as an assistant message with one content
 * part (audio with its transcript, or text). Pure: the session decides when to send them.
 *
 * Incident this prevents: the reply lacked `response.content_part.*`,
 * `response.output_audio.done` and the conversation events for function calls and for
 * the finished assistant message, so a client that follows the item lifecycle (the
 * official SDK's `audio_done`, its history) never saw the turn end.
 */

import { ServerEventType } from '../../src/protocol/realtimeEvents.ts';
import type { ConversationItem } from './conversation.ts';
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
  /** The finished items, for the conversation, each with the id of the item before it. */
  items: { item: ConversationItem; previousItemId: string | null }[];
  /** The assistant message's item id, when the reply has words. */
  assistantItemId: string | null;
}

export interface ReplyOptions {
  /** The out_of_order scenario announces the assistant item after its transcript deltas, as the real service has been seen to. */
  outOfOrder: boolean;
  /** The session's `output_modalities`: spoken words with a transcript, or text. */
  modality: 'audio' | 'text';
}

export function replyEvents(responseId: string, reply: AgentReply, previousItemId: string | null, options: ReplyOptions): ReplyEvents {
  const events: ServerEvent[] = [];
  const emit = (type: string, fields: Record<string, unknown>) => events.push({ type, fields });
  const output: Record<string, unknown>[] = [];
  const items: ReplyEvents['items'] = [];
  let previous = previousItemId;
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
    const place = { previous_item_id: previous };
    const at = { response_id: responseId, output_index: index };
    emit(ServerEventType.responseOutputItemAdded, { ...at, item });
    emit(ServerEventType.conversationItemAdded, { ...place, item });
    emit(ServerEventType.responseFunctionCallArgumentsDelta, { ...at, item_id: item.id, call_id: item.call_id, delta: args });
    emit(ServerEventType.responseFunctionCallArgumentsDone, { ...at, item_id: item.id, call_id: item.call_id, name: call.name, arguments: args });
    const done = { ...item, status: 'completed', arguments: args };
    emit(ServerEventType.conversationItemDone, { ...place, item: done });
    emit(ServerEventType.responseOutputItemDone, { ...at, item: done });
    output.push(done);
    items.push({ item: done, previousItemId: previous });
    previous = item.id;
  });
  if (!reply.text) return { events, output, items, assistantItemId: null };

  const text = reply.text;
  const spoken = options.modality === 'audio';
  const itemId = newId('item');
  const at = { response_id: responseId, item_id: itemId, output_index: output.length, content_index: 0 };
  const place = { previous_item_id: previous };
  const item = { id: itemId, object: 'realtime.item', type: 'message', role: 'assistant', status: 'in_progress', content: [] };
  const announce = () => {
    emit(ServerEventType.responseOutputItemAdded, { response_id: responseId, output_index: at.output_index, item });
    emit(ServerEventType.conversationItemAdded, { ...place, item });
    emit(ServerEventType.responseContentPartAdded, { ...at, part: spoken ? { type: 'audio', transcript: '' } : { type: 'text', text: '' } });
  };
  if (!options.outOfOrder) announce();
  const deltaType = spoken ? ServerEventType.responseOutputAudioTranscriptDelta : ServerEventType.responseOutputTextDelta;
  text.split(' ').forEach((word, index) => emit(deltaType, { ...at, delta: index === 0 ? word : ` ${word}` }));
  if (options.outOfOrder) announce();
  if (spoken) {
    // Over WebRTC the audio itself goes on the media track; its end is still announced.
    emit(ServerEventType.responseOutputAudioDone, at);
    emit(ServerEventType.responseOutputAudioTranscriptDone, { ...at, transcript: text });
  } else {
    emit(ServerEventType.responseOutputTextDone, { ...at, text });
  }
  emit(ServerEventType.responseContentPartDone, { ...at, part: spoken ? { type: 'audio', transcript: text } : { type: 'text', text } });
  const done = {
    ...item,
    status: 'completed',
    content: [spoken ? { type: 'output_audio', transcript: text } : { type: 'output_text', text }],
  };
  emit(ServerEventType.conversationItemDone, { ...place, item: done });
  emit(ServerEventType.responseOutputItemDone, { response_id: responseId, output_index: at.output_index, item: done });
  output.push(done);
  items.push({ item: done, previousItemId: previous });
  return { events, output, items, assistantItemId: itemId };
}
