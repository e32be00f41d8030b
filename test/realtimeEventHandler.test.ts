import { beforeEach, describe, expect, it } from 'vitest';
import { RealtimeEventHandler } from '../src/voice/realtimeEventHandler.ts';

const quietLog = { warn: () => undefined, debug: () => undefined };

let handler: RealtimeEventHandler;
let nextId = 0;
const GENERATION = 3;

function msg(type: string, fields: Record<string, unknown> = {}): string {
  nextId += 1;
  return JSON.stringify({ type, event_id: `event_${nextId}`, ...fields });
}

function handle(raw: unknown, generation = GENERATION) {
  return handler.handleRawMessage(raw, generation);
}

beforeEach(() => {
  handler = new RealtimeEventHandler(quietLog);
  handler.beginConnection(GENERATION);
});

describe('each GA event type becomes its machine event', () => {
  const cases: [string, Record<string, unknown>, unknown[]][] = [
    ['session.created', { session: { id: 'sess_1' } }, [{ type: 'server.session_created', sessionId: 'sess_1' }]],
    ['session.updated', { session: {} }, [{ type: 'server.session_updated' }]],
    ['input_audio_buffer.committed', { item_id: 'item_1' }, [{ type: 'server.input_committed', itemId: 'item_1' }]],
    [
      'conversation.item.added',
      { item: { id: 'item_1', role: 'user' } },
      [{ type: 'server.item_added', itemId: 'item_1', role: 'user' }],
    ],
    [
      'conversation.item.input_audio_transcription.delta',
      { item_id: 'item_1', delta: 'two' },
      [
        { type: 'server.item_added', itemId: 'item_1', role: 'user' },
        { type: 'server.user_transcript_delta', itemId: 'item_1', delta: 'two' },
      ],
    ],
    [
      'conversation.item.input_audio_transcription.completed',
      { item_id: 'item_1', transcript: 'two burgers' },
      [
        { type: 'server.item_added', itemId: 'item_1', role: 'user' },
        { type: 'server.user_transcript_completed', itemId: 'item_1', transcript: 'two burgers' },
      ],
    ],
    [
      'conversation.item.input_audio_transcription.failed',
      { item_id: 'item_1', error: { message: 'bad' } },
      [{ type: 'server.user_transcript_failed', itemId: 'item_1', message: 'bad' }],
    ],
    ['response.created', { response: { id: 'resp_1' } }, [{ type: 'server.response_created', responseId: 'resp_1', tag: null }]],
    [
      'response.created',
      { response: { id: 'resp_2', metadata: { kiosk_request: '7' } } },
      [{ type: 'server.response_created', responseId: 'resp_2', tag: '7' }],
    ],
    [
      'response.function_call_arguments.done',
      { response_id: 'resp_1', call_id: 'call_1', name: 'add_item', arguments: '{}' },
      [{ type: 'server.function_call_done', responseId: 'resp_1', callId: 'call_1', name: 'add_item', arguments: '{}' }],
    ],
    ['output_audio_buffer.started', { response_id: 'resp_1' }, [{ type: 'server.speaking_started', responseId: 'resp_1' }]],
    ['output_audio_buffer.started', {}, [{ type: 'server.speaking_started', responseId: null }]],
    ['output_audio_buffer.stopped', {}, [{ type: 'server.speaking_stopped' }]],
    [
      'response.done',
      { response: { id: 'resp_1', status: 'completed' } },
      [{ type: 'server.response_done', responseId: 'resp_1', status: 'completed' }],
    ],
    [
      'error',
      { error: { code: 'input_audio_buffer_commit_empty', message: 'too small' } },
      [{ type: 'server.error', code: 'input_audio_buffer_commit_empty', message: 'too small' }],
    ],
    ['response.function_call_arguments.delta', { call_id: 'call_1', delta: '{' }, []],
    ['rate_limits.updated', { rate_limits: [] }, []],
  ];
  it.each(cases)('%s', (type, fields, expected) => {
    expect(handle(msg(type, fields)).events).toEqual(expected);
    expect(handler.counters.unknown).toBe(0);
    expect(handler.counters.malformed).toBe(0);
  });

  it('assistant transcript deltas and done, in GA and beta names alike', () => {
    for (const [delta, done] of [
      ['response.output_audio_transcript.delta', 'response.output_audio_transcript.done'],
      ['response.audio_transcript.delta', 'response.audio_transcript.done'],
      ['response.output_text.delta', 'response.output_text.done'],
      ['response.text.delta', 'response.text.done'],
    ] as const) {
      handler.beginConnection(GENERATION);
      const first = handle(msg(delta, { response_id: 'r', item_id: 'a1', delta: 'Hi' })).events;
      expect(first).toContainEqual({ type: 'server.assistant_transcript_delta', responseId: 'r', itemId: 'a1', delta: 'Hi' });
      const last = handle(msg(done, { response_id: 'r', item_id: 'a1', transcript: 'Hi there', text: 'Hi there' })).events;
      expect(last).toEqual([{ type: 'server.assistant_transcript_done', responseId: 'r', itemId: 'a1', transcript: 'Hi there' }]);
    }
  });

  it('the beta conversation.item.created counts as conversation.item.added', () => {
    const { type, events } = handle(msg('conversation.item.created', { item: { id: 'item_9', role: 'assistant' } }));
    expect(type).toBe('conversation.item.added');
    expect(events).toEqual([{ type: 'server.item_added', itemId: 'item_9', role: 'assistant' }]);
  });

  it('passes on the local server audio statistics of a commit', () => {
    const handled = handle(msg('input_audio_buffer.committed', { item_id: 'i', x_local_audio: { packets: 75, bytes: 900, duration_ms: 1500 } }));
    expect(handled.audioStats).toEqual({ packets: 75, bytes: 900, duration_ms: 1500 });
  });
});

describe('untrusted input', () => {
  it('counts malformed JSON without throwing', () => {
    expect(handle('{"type": "session.created"').events).toEqual([]);
    expect(handle('not json at all').events).toEqual([]);
    expect(handle('[1,2,3]').events).toEqual([]);
    expect(handle('{"no_type": true}').events).toEqual([]);
    expect(handle(new ArrayBuffer(4)).events).toEqual([]);
    expect(handler.counters.malformed).toBe(5);
    expect(handler.counters.received).toBe(5);
  });

  it('counts unknown types without throwing', () => {
    expect(handle(msg('something.new', { x: 1 })).events).toEqual([]);
    expect(handler.counters.unknown).toBe(1);
  });

  it('counts a known type with missing fields as invalid', () => {
    expect(handle(msg('response.created', {})).events).toEqual([]);
    expect(handle(msg('conversation.item.input_audio_transcription.delta', { delta: 'x' })).events).toEqual([]);
    expect(handle(msg('response.done', { response: 'nope' })).events).toEqual([]);
    expect(handler.counters.invalid).toBe(3);
  });

  it('drops a repeated event_id, so a duplicated delta is not shown twice', () => {
    const raw = JSON.stringify({ type: 'conversation.item.input_audio_transcription.delta', event_id: 'e1', item_id: 'i', delta: 'a' });
    expect(handle(raw).events).toHaveLength(2);
    expect(handle(raw).events).toEqual([]);
    expect(handler.counters.duplicate).toBe(1);
  });

  it('announces an item only once however many of its deltas arrive first', () => {
    handle(msg('conversation.item.input_audio_transcription.delta', { item_id: 'late', delta: 'a' }));
    const second = handle(msg('conversation.item.input_audio_transcription.delta', { item_id: 'late', delta: 'b' }));
    expect(second.events).toEqual([{ type: 'server.user_transcript_delta', itemId: 'late', delta: 'b' }]);
    const added = handle(msg('conversation.item.added', { item: { id: 'late', role: 'user' } }));
    expect(added.events).toEqual([]);
    expect(handler.counters.orphanDeltas).toBe(1);
  });

  it('drops messages from a closed or replaced connection', () => {
    expect(handle(msg('session.created', { session: { id: 'x' } }), GENERATION - 1).events).toEqual([]);
    expect(handler.counters.stale).toBe(1);
    handler.beginConnection(GENERATION + 1);
    expect(handle(msg('session.updated', {}), GENERATION).events).toEqual([]);
    expect(handle(msg('session.updated', {}), GENERATION + 1).events).toEqual([{ type: 'server.session_updated' }]);
    expect(handler.counters.stale).toBe(2);
  });

  it('never throws on hostile shapes', () => {
    const hostile = [
      '{"type":"response.done","response":null}',
      '{"type":"error"}',
      '{"type":"error","error":"string"}',
      '{"type":"conversation.item.added","item":[]}',
      '{"type":"session.created","session":7}',
      '{"type":"__proto__"}',
      '{"type":"constructor"}',
      'null',
      '""',
    ];
    for (const raw of hostile) expect(() => handle(raw)).not.toThrow();
    expect(handler.counters.received).toBe(hostile.length);
    // Unknown names get no counter of their own (the wire cannot grow the table), only a place in the sample.
    expect(Object.keys(handler.counters.byType)).not.toContain('__proto__');
    expect(Object.keys(handler.counters.byType)).not.toContain('constructor');
    expect(handler.counters.unknownTypeSample).toEqual(expect.arrayContaining(['__proto__', 'constructor']));
    expect(handler.counters.unknown).toBe(2);
  });
});
