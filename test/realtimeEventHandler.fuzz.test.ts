/**
 * The event handler and the event log against 100,000 hostile messages: real event
 * shapes with fields removed or of the wrong type, huge strings, deep nesting, hostile
 * keys, random bytes, values that are not strings at all, duplicates and stale
 * connections. Nothing may throw, every message must land in exactly one counter, and
 * what the handler and the log keep afterwards must stay small.
 */

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { EventLog } from '../src/voice/eventLog.ts';
import { MAX_MESSAGE_CHARS, RealtimeEventHandler } from '../src/voice/realtimeEventHandler.ts';
import { ServerEventType } from '../src/protocol/realtimeEvents.ts';
import { createRng, type Rng } from './model/rng.ts';

const MESSAGES = 100_000;
/** What the handler and a full event log may keep, whatever arrived. */
const RETAINED_BYTES_BOUND = 8 * 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

const SHAPES: Record<string, Record<string, unknown>> = {
  [ServerEventType.sessionCreated]: { session: { id: 'sess_1' } },
  [ServerEventType.inputAudioBufferCommitted]: { item_id: 'item_1' },
  [ServerEventType.conversationItemAdded]: { item: { id: 'item_1', role: 'user' } },
  [ServerEventType.inputTranscriptionDelta]: { item_id: 'item_1', delta: 'two ' },
  [ServerEventType.inputTranscriptionCompleted]: { item_id: 'item_1', transcript: 'two cokes' },
  [ServerEventType.responseCreated]: { response: { id: 'resp_1', metadata: { kiosk_request: '1' } } },
  [ServerEventType.responseOutputAudioTranscriptDelta]: { response_id: 'resp_1', item_id: 'item_2', delta: 'Sure' },
  [ServerEventType.responseFunctionCallArgumentsDone]: { response_id: 'resp_1', call_id: 'c', name: 'add_item', arguments: '{}' },
  [ServerEventType.responseDone]: { response: { id: 'resp_1', status: 'completed' } },
  [ServerEventType.error]: { error: { code: 'session_expired', message: 'bye' } },
};

const ONE_MEGABYTE = 'x'.repeat(1 << 20);
const WRONG_VALUES: unknown[] = [null, 0, -1, 1e308, true, [], {}, [1, 2], { id: {} }, '', '\u0000', '\ud800'];
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

function mutate(rng: Rng, shape: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = JSON.parse(JSON.stringify(shape));
  const keys = Object.keys(copy);
  const key = pick(rng, keys.length > 0 ? keys : ['x']);
  const roll = rng();
  if (roll < 0.3) delete copy[key];
  else if (roll < 0.6) copy[key] = pick(rng, WRONG_VALUES);
  else if (roll < 0.7) copy[key] = ONE_MEGABYTE.slice(0, Math.floor(rng() * 200_000));
  else if (roll < 0.8) copy[pick(rng, HOSTILE_KEYS)] = { polluted: true };
  return copy;
}

function deepNesting(depth: number): string {
  return `{"type":"session.update","session":{"tools":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
}

function randomBytes(rng: Rng, length: number): string {
  let text = '';
  for (let index = 0; index < length; index += 1) text += String.fromCharCode(Math.floor(rng() * 0xffff));
  return text;
}

/** One hostile message; roughly a third are valid events, so duplicates and ids get exercised too. */
function hostileMessage(rng: Rng, index: number): { raw: unknown; stale: boolean } {
  const type = pick(rng, Object.keys(SHAPES));
  const shape = SHAPES[type] as Record<string, unknown>;
  const eventId = rng() < 0.1 ? `evt_${Math.floor(rng() * 50)}` : `evt_${index}`;
  const roll = rng();
  let raw: unknown;
  if (roll < 0.33) raw = JSON.stringify({ type, event_id: eventId, ...shape });
  else if (roll < 0.6) raw = JSON.stringify({ type, event_id: eventId, ...mutate(rng, shape) });
  else if (roll < 0.65) raw = JSON.stringify({ type: `${pick(rng, HOSTILE_KEYS)}${rng() < 0.5 ? '' : index}`, event_id: eventId });
  else if (roll < 0.68) raw = JSON.stringify({ type: ONE_MEGABYTE.slice(0, 100_000 + index), event_id: eventId });
  else if (roll < 0.7) raw = JSON.stringify({ type, event_id: ONE_MEGABYTE.slice(0, 60_000 + index), ...shape });
  else if (roll < 0.72) raw = `${JSON.stringify({ type, event_id: eventId, ...shape }).slice(0, -1)},"pad":"${ONE_MEGABYTE}"}`;
  else if (roll < 0.74) raw = deepNesting(1_000 + Math.floor(rng() * 20_000));
  else if (roll < 0.84) raw = randomBytes(rng, Math.floor(rng() * 200));
  else if (roll < 0.9) raw = pick(rng, [undefined, null, 42, {}, new ArrayBuffer(8), new Uint8Array(3), Symbol('x')]);
  else if (roll < 0.95) raw = JSON.stringify(pick(rng, WRONG_VALUES));
  else raw = `{"type":"${type}","event_id":"${eventId}"`; // cut short
  return { raw, stale: rng() < 0.02 };
}

describe('the event handler under 100,000 hostile messages', () => {
  it('never throws, counts every message once, and keeps a bounded amount of memory', () => {
    const failures: string[] = [];
    const handler = new RealtimeEventHandler({
      warn: (_details, message) => {
        if (message === 'event handler failed on a message') failures.push(message);
      },
      debug: () => undefined,
    });
    const log = new EventLog(200);
    handler.beginConnection(2);
    gc();
    const baseline = process.memoryUsage().heapUsed;

    const rng = createRng(20261201);
    let thrown = 0;
    for (let index = 0; index < MESSAGES; index += 1) {
      const { raw, stale } = hostileMessage(rng, index);
      try {
        const handled = handler.handleRawMessage(raw, stale ? 1 : 2);
        log.add('in', handled.type ?? '(unparsed)', typeof raw === 'string' ? raw : undefined);
      } catch {
        thrown += 1;
      }
    }
    gc();
    const retained = process.memoryUsage().heapUsed - baseline;

    const c = handler.counters;
    expect(thrown).toBe(0);
    expect(failures).toEqual([]);
    expect(c.received).toBe(MESSAGES);
    expect(c.accepted + c.malformed + c.unknown + c.duplicate + c.stale + c.invalid + c.oversized).toBe(MESSAGES);
    expect(c.oversized).toBeGreaterThan(0);
    expect(c.duplicate).toBeGreaterThan(0);
    expect(Object.keys(c.byType).length).toBeLessThanOrEqual(Object.keys(ServerEventType).length);
    expect(c.unknownTypeSample.length).toBeLessThanOrEqual(8);
    expect(c.unknownTypeSample.every((name) => name.length <= 65)).toBe(true);
    expect(log.entries()).toHaveLength(200);
    expect(log.size).toBeLessThanOrEqual(128_000);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    console.log(
      `handler fuzz: ${MESSAGES} messages, ${thrown} throws, retained ${(retained / 1024 / 1024).toFixed(2)} MB; ` +
        `accepted ${c.accepted}, malformed ${c.malformed}, unknown ${c.unknown}, duplicate ${c.duplicate}, ` +
        `stale ${c.stale}, invalid ${c.invalid}, oversized ${c.oversized}`,
    );
    expect(retained).toBeLessThan(RETAINED_BYTES_BOUND);
    // Keep both alive until after the measurement.
    expect(handler.counters.received + log.entries().length).toBeGreaterThan(0);
  }, 120_000);

  it('drops a message over the size limit before parsing it', () => {
    const handler = new RealtimeEventHandler({ warn: () => undefined, debug: () => undefined });
    handler.beginConnection(1);
    const raw = JSON.stringify({ type: 'session.updated', pad: 'x'.repeat(MAX_MESSAGE_CHARS) });
    expect(handler.handleRawMessage(raw, 1).events).toEqual([]);
    expect(handler.counters.oversized).toBe(1);
    expect(handler.counters.byType['session.updated']).toBeUndefined();
  });

  it('keeps a detached copy in the event log, not a slice that pins a one-megabyte message', () => {
    const log = new EventLog(200);
    gc();
    const baseline = process.memoryUsage().heapUsed;
    // Each message its own megabyte on the heap, as the data channel delivers them.
    for (let index = 0; index < 200; index += 1) {
      log.add('in', 'session.updated', JSON.parse(`"${index}${ONE_MEGABYTE}"`) as string);
    }
    gc();
    const retained = process.memoryUsage().heapUsed - baseline;
    expect(log.entries()).toHaveLength(200);
    expect(retained).toBeLessThan(4 * 1024 * 1024);
  });
});
