/**
 * The local realtime session's GA protocol, in process: the real session and the real
 * menu agent, with a recognizer that hears a fixed sentence and a speaker whose
 * utterances last until stopped (the speech engines have their own tests; here the
 * subject is what goes over the data channel).
 */

import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { applyToolCall, EMPTY_CART, orderStatement } from '../../machines/cart.ts';
import { MENU_TOOLS, ToolName } from '../../src/menu/menuTools.ts';
import { buildSessionUpdate } from '../../src/protocol/realtimeEvents.ts';
import { MenuAgent } from '../../server/agent/menuAgent.ts';
import { RealtimeSession } from '../../server/realtime/realtimeSession.ts';
import type { Speaker } from '../../server/realtime/speechPorts.ts';

type Event = Record<string, unknown> & { type: string };

const UTTERANCE_MS = 2_400;

function openSession(heard = "i'd like two cheeseburgers and a large coke") {
  const events: Event[] = [];
  const finishSpeech: (() => void)[] = [];
  const speaker: Speaker = {
    speak: (_text, onStart) =>
      new Promise<boolean>((resolve) => {
        // Synthesis takes a moment: playback starts after the response's events are out.
        setTimeout(() => onStart(UTTERANCE_MS), 0);
        finishSpeech.push(() => resolve(true));
      }),
    stop: () => undefined,
  };
  const session = new RealtimeSession({
    output: { send: (message) => events.push(JSON.parse(message) as Event), drop: () => undefined, maxMessageBytes: 65_536 },
    recognizer: { transcribe: async () => heard },
    agent: new MenuAgent(),
    speaker,
    scenario: null,
    log: pino({ level: 'silent' }),
    maxDurationMs: 60_000,
  });
  session.start();
  const send = (event: Record<string, unknown>) => session.handleClientMessage(JSON.stringify(event));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
  const of = (type: string) => events.filter((event) => event.type === type);
  const errorFor = (eventId: string) => events.find((event) => event.type === 'error' && (event.error as { event_id?: string }).event_id === eventId);
  /** A committed turn of 300 ms of audio, answered, its function outputs returned and answered. */
  const turn = async () => {
    for (let frame = 0; frame < 15; frame += 1) session.appendAudio(Buffer.alloc(80));
    send({ type: 'input_audio_buffer.commit', event_id: 'commit_1' });
    send({ type: 'response.create', event_id: 'create_1' });
    await settle();
    for (const done of of('response.function_call_arguments.done')) {
      send({ type: 'conversation.item.create', item: { type: 'function_call_output', call_id: done.call_id, output: '{"ok":true}' } });
    }
    send({ type: 'response.create', event_id: 'create_2' });
    await settle();
  };
  return { session, events, send, settle, of, errorFor, turn, finishSpeech };
}

describe('the local realtime session, against the GA reference', () => {
  it("echoes the client's event_id in every error it causes", async () => {
    const { send, settle, errorFor } = openSession();
    send({ type: 'no.such_event', event_id: 'e_unknown' });
    send({ type: 'session.update', event_id: 'e_session', session: { instructions: 7 } });
    send({ type: 'input_audio_buffer.commit', event_id: 'e_commit' });
    send({ type: 'conversation.item.retrieve', event_id: 'e_retrieve', item_id: 'item_nope' });
    send({ type: 'conversation.item.truncate', event_id: 'e_truncate', item_id: 'item_nope', content_index: 0, audio_end_ms: 0 });
    await settle();
    expect(errorFor('e_unknown')?.error).toMatchObject({ code: 'invalid_event', param: 'type' });
    expect(errorFor('e_session')?.error).toMatchObject({ code: 'invalid_type', param: 'session.instructions' });
    expect(errorFor('e_commit')?.error).toMatchObject({ code: 'input_audio_buffer_commit_empty' });
    expect(errorFor('e_retrieve')?.error).toMatchObject({ code: 'item_not_found', param: 'item_id' });
    expect(errorFor('e_truncate')?.error).toMatchObject({ code: 'item_not_found' });
  });

  it('reflects the session the client asked for, and refuses what it cannot do without changing anything', async () => {
    const { send, settle, of, errorFor } = openSession();
    expect(of('session.created')[0]?.session).toMatchObject({ object: 'realtime.session', type: 'realtime', model: 'gpt-realtime', output_modalities: ['audio'] });
    send({
      type: 'session.update',
      event_id: 'u1',
      session: {
        type: 'realtime',
        model: 'gpt-realtime-2.1',
        instructions: 'Be brief.',
        output_modalities: ['audio'],
        tools: [{ type: 'function', name: 'add_item', description: 'Add.', parameters: { type: 'object' } }],
        audio: {
          input: { format: { type: 'audio/pcmu' }, transcription: { model: 'whisper-1', language: 'en' }, noise_reduction: { type: 'near_field' }, turn_detection: null },
          output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'cedar', speed: 1.2 },
        },
      },
    });
    send({ type: 'session.update', event_id: 'vad', session: { audio: { input: { turn_detection: { type: 'semantic_vad' } } } } });
    send({ type: 'session.update', event_id: 'voice', session: { instructions: 'changed', audio: { output: { voice: 'robot' } } } });
    send({ type: 'session.update', event_id: 'modalities', session: { output_modalities: ['audio', 'text'] } });
    await settle();
    const [updated] = of('session.updated');
    expect(of('session.updated')).toHaveLength(1);
    expect(updated?.session).toMatchObject({
      model: 'gpt-realtime-2.1',
      instructions: 'Be brief.',
      tools: [{ name: 'add_item' }],
      audio: {
        input: { format: { type: 'audio/pcmu' }, transcription: { model: 'whisper-1', language: 'en' }, noise_reduction: { type: 'near_field' }, turn_detection: null },
        output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'cedar', speed: 1.2 },
      },
    });
    expect(errorFor('vad')?.error).toMatchObject({ code: 'invalid_value', param: 'session.audio.input.turn_detection' });
    expect(errorFor('voice')?.error).toMatchObject({ code: 'invalid_value', param: 'session.audio.output.voice' });
    expect(errorFor('modalities')?.error).toMatchObject({ code: 'invalid_value', param: 'session.output_modalities' });
  });

  it('sends the whole item lifecycle of a turn: function calls as conversation items, the reply as one audio content part', async () => {
    const { events, turn, finishSpeech, settle } = openSession();
    await turn();
    finishSpeech.forEach((finish) => finish());
    await settle();
    const types = events.map((event) => event.type);
    const call = types.indexOf('response.output_item.added');
    expect(types.slice(call, call + 6)).toEqual([
      'response.output_item.added',
      'conversation.item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'conversation.item.done',
      'response.output_item.done',
    ]);
    const replyResponse = events.filter((event) => event.type === 'response.created')[1]?.response as { id: string };
    const reply = types.slice(types.lastIndexOf('response.created'));
    expect(reply.filter((type) => !type.endsWith('.delta'))).toEqual([
      'response.created',
      'response.output_item.added',
      'conversation.item.added',
      'response.content_part.added',
      'response.output_audio.done',
      'response.output_audio_transcript.done',
      'response.content_part.done',
      'conversation.item.done',
      'response.output_item.done',
      'response.done',
      'output_audio_buffer.started',
      'output_audio_buffer.stopped',
    ]);
    const buffer = events.filter((event) => event.type.startsWith('output_audio_buffer.'));
    expect(buffer.map((event) => event.response_id)).toEqual([replyResponse.id, replyResponse.id]);
    const part = events.find((event) => event.type === 'response.content_part.done');
    expect(part?.part).toEqual({ type: 'audio', transcript: 'Two cheeseburgers and a large coke added. Anything else?' });
  });

  it('goes on from the order the session.update states (regression: after a renewal "remove the coke" found no coke)', async () => {
    const { send, settle, of, turn } = openSession('remove the coke');
    let cart = EMPTY_CART;
    for (const args of [{ item_id: 'cheeseburger', quantity: 2 }, { item_id: 'coke', quantity: 1, size: 'large' }]) {
      cart = applyToolCall(cart, ToolName.addItem, JSON.stringify(args)).cart;
    }
    send(buildSessionUpdate({ instructions: 'Take orders.', tools: MENU_TOOLS }, orderStatement(cart)));
    await settle();
    await turn();
    expect(of('response.function_call_arguments.done').map((done) => [done.name, JSON.parse(String(done.arguments))])).toEqual([['remove_item', { item_id: 'coke' }]]);
  });

  it('retrieves, truncates and deletes conversation items as the service does', async () => {
    const { events, send, settle, of, errorFor, turn } = openSession();
    await turn();
    const userItemId = of('input_audio_buffer.committed')[0]?.item_id as string;
    send({ type: 'conversation.item.retrieve', event_id: 'r1', item_id: userItemId });
    await settle();
    expect(of('conversation.item.retrieved')[0]?.item).toMatchObject({
      id: userItemId,
      role: 'user',
      content: [{ type: 'input_audio', transcript: "i'd like two cheeseburgers and a large coke" }],
    });

    const assistantItemId = (of('response.output_audio.done')[0]?.item_id ?? '') as string;
    send({ type: 'conversation.item.truncate', event_id: 't_long', item_id: assistantItemId, content_index: 0, audio_end_ms: UTTERANCE_MS + 1 });
    send({ type: 'conversation.item.truncate', event_id: 't_user', item_id: userItemId, content_index: 0, audio_end_ms: 0 });
    send({ type: 'conversation.item.truncate', event_id: 't_ok', item_id: assistantItemId, content_index: 0, audio_end_ms: 800 });
    send({ type: 'conversation.item.retrieve', event_id: 'r2', item_id: assistantItemId });
    await settle();
    expect(errorFor('t_long')?.error).toMatchObject({ code: 'invalid_value', param: 'audio_end_ms' });
    expect(errorFor('t_user')?.error).toMatchObject({ code: 'invalid_value', param: 'item_id' });
    expect(of('conversation.item.truncated')).toEqual([expect.objectContaining({ item_id: assistantItemId, content_index: 0, audio_end_ms: 800 })]);
    expect(of('conversation.item.retrieved')[1]?.item).toMatchObject({ id: assistantItemId, content: [{ type: 'output_audio', transcript: '' }] });

    send({ type: 'conversation.item.delete', event_id: 'd1', item_id: userItemId });
    send({ type: 'conversation.item.retrieve', event_id: 'r3', item_id: userItemId });
    await settle();
    expect(of('conversation.item.deleted')).toEqual([expect.objectContaining({ item_id: userItemId })]);
    expect(errorFor('r3')?.error).toMatchObject({ code: 'item_not_found' });
    expect(events.filter((event) => event.type === 'error').map((event) => (event.error as { event_id: string }).event_id)).toEqual(['t_long', 't_user', 'r3']);
  });

  it('answers in text, with no audio, when the session asks for text output', async () => {
    const { send, settle, of, turn } = openSession();
    send({ type: 'session.update', session: { output_modalities: ['text'] } });
    await settle();
    await turn();
    expect(of('response.output_text.done').map((event) => event.text)).toEqual(['Two cheeseburgers and a large coke added. Anything else?']);
    expect(of('response.output_audio_transcript.delta')).toEqual([]);
    expect(of('output_audio_buffer.started')).toEqual([]);
    expect(of('response.output_item.done').at(-1)?.item).toMatchObject({ content: [{ type: 'output_text', text: 'Two cheeseburgers and a large coke added. Anything else?' }] });
  });
});
