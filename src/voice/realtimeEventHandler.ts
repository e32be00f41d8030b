/**
 * The one boundary where raw data-channel strings become typed machine events.
 *
 * Nothing from the wire is trusted: malformed JSON, unknown types, missing fields,
 * duplicates, out-of-order deltas and messages from a replaced connection are all
 * counted and logged, and none of them throws.
 */

import type { ServerEvent } from '../../machines/voiceMachine.types.ts';
import {
  BETA_EVENT_ALIASES,
  IGNORED_SERVER_EVENT_TYPES,
  LOCAL_AUDIO_STATS_FIELD,
  RESPONSE_TAG_FIELD,
  ServerEventType,
  type LocalAudioStats,
} from '../protocol/realtimeEvents.ts';
import { clipDetached, compactKey } from './detachedText.ts';

export interface EventCounters {
  /** Every message handed in, before any check. */
  received: number;
  /** Messages turned into at least one machine event or knowingly ignored. */
  accepted: number;
  malformed: number;
  unknown: number;
  duplicate: number;
  /** Messages from a connection that has since been closed or replaced. */
  stale: number;
  /** Deltas for items never announced: the item was created from the delta. */
  orphanDeltas: number;
  /** Events of a known type missing a field the client needs. */
  invalid: number;
  /** Messages over MAX_MESSAGE_CHARS, dropped unread. */
  oversized: number;
  /** Count per known (GA) event type; unknown types are counted in `unknown` only. */
  byType: Record<string, number>;
  /** The first few unknown type names seen, cut short: enough to tell what a deployment sends. */
  unknownTypeSample: string[];
}

export interface HandledMessage {
  /** The GA type of the message, when it had one. */
  type: string | null;
  events: ServerEvent[];
  /** Audio statistics the local server attaches to a commit acknowledgement. */
  audioStats?: LocalAudioStats;
}

export interface HandlerLog {
  warn(details: Record<string, unknown>, message: string): void;
  debug(details: Record<string, unknown>, message: string): void;
}

/** How many event ids to remember for duplicate detection; older ones fall out. */
const REMEMBERED_EVENT_IDS = 2_000;
/** Event ids longer than this are remembered by a short hash, so the cache's bytes stay bounded too. */
const MAX_REMEMBERED_ID_CHARS = 96;
/** How many item ids to remember for telling an announced item from an orphan delta. */
const REMEMBERED_ITEMS = 1_024;
/**
 * Messages longer than this are dropped before parsing. The largest real server events
 * (session.created/updated echoing the instructions and tools, response.done with the
 * whole output) are a few tens of kilobytes; Chromium's SCTP messages stop at 256 KiB.
 */
export const MAX_MESSAGE_CHARS = 256 * 1024;
const UNKNOWN_TYPE_SAMPLE_SIZE = 8;
const SAMPLE_CHARS = 120;

export function createCounters(): EventCounters {
  return {
    received: 0,
    accepted: 0,
    malformed: 0,
    unknown: 0,
    duplicate: 0,
    stale: 0,
    orphanDeltas: 0,
    invalid: 0,
    oversized: 0,
    // No prototype: a hostile type name such as "__proto__" stays an ordinary key.
    byType: Object.create(null) as Record<string, number>,
    unknownTypeSample: [],
  };
}

type Json = Record<string, unknown>;

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Ids longer than this are refused as invalid: real ones are a few dozen characters, and ids are kept. */
const MAX_ID_CHARS = 256;

function id(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_CHARS ? value : null;
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function obj(value: unknown): Json | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
}

/** A set that remembers only its last `capacity` members, each add and lookup O(1). */
export class RecentSet {
  private readonly members = new Set<string>();
  private readonly ring: (string | undefined)[];
  private next = 0;

  constructor(capacity: number) {
    this.ring = new Array<string | undefined>(capacity);
  }

  has(member: string): boolean {
    return this.members.has(member);
  }

  add(member: string): void {
    if (this.members.has(member)) return;
    const evicted = this.ring[this.next];
    if (evicted !== undefined) this.members.delete(evicted);
    this.ring[this.next] = member;
    this.next = (this.next + 1) % this.ring.length;
    this.members.add(member);
  }

  get size(): number {
    return this.members.size;
  }
}

export class RealtimeEventHandler {
  readonly counters: EventCounters = createCounters();
  private activeGeneration = -1;
  private seenEventIds = new RecentSet(REMEMBERED_EVENT_IDS);
  private knownItems = new RecentSet(REMEMBERED_ITEMS);
  private readonly log: HandlerLog;

  constructor(log: HandlerLog) {
    this.log = log;
  }

  /** A new connection starts: its messages are current, earlier ones are stale. */
  beginConnection(generation: number): void {
    this.activeGeneration = generation;
    this.seenEventIds = new RecentSet(REMEMBERED_EVENT_IDS);
    this.knownItems = new RecentSet(REMEMBERED_ITEMS);
  }

  /** Called synchronously for every data-channel message. Never throws. */
  handleRawMessage(raw: unknown, generation: number): HandledMessage {
    this.counters.received += 1;
    try {
      return this.handle(raw, generation);
    } catch (error) {
      // A bug here must not take the data channel down with it.
      this.counters.malformed += 1;
      this.log.warn({ error: String(error) }, 'event handler failed on a message');
      return { type: null, events: [] };
    }
  }

  private handle(raw: unknown, generation: number): HandledMessage {
    if (generation !== this.activeGeneration) {
      this.counters.stale += 1;
      this.log.debug({ generation, active: this.activeGeneration }, 'dropped a message from a stale connection');
      return { type: null, events: [] };
    }
    if (typeof raw !== 'string') {
      this.counters.malformed += 1;
      this.log.warn({ kind: typeof raw }, 'non-text data channel message');
      return { type: null, events: [] };
    }
    if (raw.length > MAX_MESSAGE_CHARS) {
      this.counters.oversized += 1;
      this.log.warn({ chars: raw.length, sample: clipDetached(raw, SAMPLE_CHARS) }, 'oversized message dropped unread');
      return { type: null, events: [] };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      this.counters.malformed += 1;
      this.log.warn({ sample: clipDetached(raw, SAMPLE_CHARS) }, 'malformed JSON on the data channel');
      return { type: null, events: [] };
    }
    const message = obj(parsed);
    const rawType = message ? str(message.type) : null;
    if (!message || !rawType) {
      this.counters.malformed += 1;
      this.log.warn({ sample: clipDetached(raw, SAMPLE_CHARS) }, 'message without a type');
      return { type: null, events: [] };
    }
    const eventId = str(message.event_id);
    if (eventId) {
      const key = compactKey(eventId, MAX_REMEMBERED_ID_CHARS);
      if (this.seenEventIds.has(key)) {
        this.counters.duplicate += 1;
        this.log.debug({ eventId: clipDetached(eventId, SAMPLE_CHARS) }, 'duplicate event dropped');
        return { type: clipDetached(rawType, 64), events: [] };
      }
      this.seenEventIds.add(key);
    }
    const type = BETA_EVENT_ALIASES.get(rawType) ?? rawType;
    const events = this.translate(type, message);
    if (events === null && !IGNORED_SERVER_EVENT_TYPES.has(type)) {
      this.counters.unknown += 1;
      const name = clipDetached(type, 64);
      if (this.counters.unknownTypeSample.length < UNKNOWN_TYPE_SAMPLE_SIZE && !this.counters.unknownTypeSample.includes(name)) {
        this.counters.unknownTypeSample.push(name);
      }
      this.log.warn({ type: name }, 'unknown event type');
      return { type: name, events: [] };
    }
    // Only known types get a counter of their own: the wire cannot grow this table.
    this.counters.byType[type] = (this.counters.byType[type] ?? 0) + 1;
    if (events === null) {
      this.counters.accepted += 1;
      return { type, events: [] };
    }
    if (events === 'invalid') {
      this.counters.invalid += 1;
      this.log.warn({ type, sample: clipDetached(raw, SAMPLE_CHARS) }, 'event missing required fields');
      return { type, events: [] };
    }
    this.counters.accepted += 1;
    const handled: HandledMessage = { type, events };
    const stats = obj(message[LOCAL_AUDIO_STATS_FIELD]);
    if (type === ServerEventType.inputAudioBufferCommitted && stats) {
      handled.audioStats = {
        packets: num(stats.packets),
        bytes: num(stats.bytes),
        duration_ms: num(stats.duration_ms),
      };
    }
    return handled;
  }

  /** A delta for an item never announced announces it first, so nothing is lost. */
  private ensureItem(itemId: string, role: 'user' | 'assistant', events: ServerEvent[]): void {
    if (this.knownItems.has(itemId)) return;
    this.knownItems.add(itemId);
    this.counters.orphanDeltas += 1;
    this.log.debug({ itemId }, 'delta before its item was announced');
    events.push({ type: 'server.item_added', itemId, role });
  }

  /** null: not a type the client acts on; 'invalid': a known type missing fields. */
  private translate(type: string, m: Json): ServerEvent[] | null | 'invalid' {
    switch (type) {
      case ServerEventType.sessionCreated:
        return [{ type: 'server.session_created', sessionId: id(obj(m.session)?.id) }];
      case ServerEventType.sessionUpdated:
        return [{ type: 'server.session_updated' }];
      case ServerEventType.inputAudioBufferCleared:
        return [{ type: 'server.input_cleared' }];
      case ServerEventType.inputAudioBufferCommitted: {
        // The item id is how the turn knows its own transcript: an ack without one is unusable.
        const itemId = id(m.item_id);
        return itemId ? [{ type: 'server.input_committed', itemId }] : 'invalid';
      }
      case ServerEventType.conversationItemAdded:
      case ServerEventType.conversationItemDone: {
        const item = obj(m.item);
        const itemId = item ? id(item.id) : null;
        if (!item || !itemId) return 'invalid';
        if (this.knownItems.has(itemId)) return [];
        this.knownItems.add(itemId);
        const role = str(item.role);
        return [
          {
            type: 'server.item_added',
            itemId,
            role: role === 'user' || role === 'assistant' ? role : 'other',
          },
        ];
      }
      case ServerEventType.inputTranscriptionDelta: {
        const itemId = id(m.item_id);
        const delta = str(m.delta);
        if (!itemId || delta === null) return 'invalid';
        const events: ServerEvent[] = [];
        this.ensureItem(itemId, 'user', events);
        events.push({ type: 'server.user_transcript_delta', itemId, delta });
        return events;
      }
      case ServerEventType.inputTranscriptionCompleted: {
        const itemId = id(m.item_id);
        const transcript = str(m.transcript);
        if (!itemId || transcript === null) return 'invalid';
        const events: ServerEvent[] = [];
        this.ensureItem(itemId, 'user', events);
        events.push({ type: 'server.user_transcript_completed', itemId, transcript });
        return events;
      }
      case ServerEventType.inputTranscriptionFailed: {
        const itemId = id(m.item_id);
        if (!itemId) return 'invalid';
        const message = str(obj(m.error)?.message) ?? 'transcription failed';
        return [{ type: 'server.user_transcript_failed', itemId, message }];
      }
      case ServerEventType.responseCreated: {
        const response = obj(m.response);
        const responseId = id(response?.id);
        if (!responseId) return 'invalid';
        const tag = str(obj(response?.metadata)?.[RESPONSE_TAG_FIELD]);
        return [{ type: 'server.response_created', responseId, tag }];
      }
      case ServerEventType.responseOutputAudioTranscriptDelta:
      case ServerEventType.responseOutputTextDelta: {
        const responseId = id(m.response_id);
        const itemId = id(m.item_id);
        const delta = str(m.delta);
        if (!responseId || !itemId || delta === null) return 'invalid';
        const events: ServerEvent[] = [];
        this.ensureItem(itemId, 'assistant', events);
        events.push({ type: 'server.assistant_transcript_delta', responseId, itemId, delta });
        return events;
      }
      case ServerEventType.responseOutputAudioTranscriptDone:
      case ServerEventType.responseOutputTextDone: {
        const responseId = id(m.response_id);
        const itemId = id(m.item_id);
        const transcript = str(m.transcript) ?? str(m.text);
        if (!responseId || !itemId || transcript === null) return 'invalid';
        const events: ServerEvent[] = [];
        this.ensureItem(itemId, 'assistant', events);
        events.push({ type: 'server.assistant_transcript_done', responseId, itemId, transcript });
        return events;
      }
      case ServerEventType.responseOutputItemAdded:
      case ServerEventType.responseOutputItemDone:
      case ServerEventType.responseFunctionCallArgumentsDelta:
        // Arguments are taken whole from `.done`; partial JSON is of no use to the cart.
        return [];
      case ServerEventType.responseFunctionCallArgumentsDone: {
        const responseId = id(m.response_id) ?? '';
        const callId = id(m.call_id);
        const name = str(m.name);
        const args = str(m.arguments);
        if (!callId || !name || args === null) return 'invalid';
        return [{ type: 'server.function_call_done', responseId, callId, name, arguments: args }];
      }
      case ServerEventType.outputAudioBufferStarted:
        return [{ type: 'server.speaking_started', responseId: id(m.response_id) }];
      case ServerEventType.outputAudioBufferStopped:
      case ServerEventType.outputAudioBufferCleared:
        return [{ type: 'server.speaking_stopped' }];
      case ServerEventType.responseDone: {
        const response = obj(m.response);
        const responseId = response ? id(response.id) : null;
        if (!response || !responseId) return 'invalid';
        return [{ type: 'server.response_done', responseId, status: str(response.status) ?? 'completed' }];
      }
      case ServerEventType.error: {
        const error = obj(m.error);
        return [
          {
            type: 'server.error',
            code: str(error?.code) ?? str(error?.type) ?? 'unknown_error',
            message: str(error?.message) ?? 'The realtime service reported an error.',
          },
        ];
      }
      default:
        return null;
    }
  }
}
