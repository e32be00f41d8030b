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
  ServerEventType,
  type LocalAudioStats,
} from '../protocol/realtimeEvents.ts';

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
  /** Count per (GA) event type. */
  byType: Record<string, number>;
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
    // No prototype: a hostile type name such as "__proto__" stays an ordinary key.
    byType: Object.create(null) as Record<string, number>,
  };
}

type Json = Record<string, unknown>;

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function obj(value: unknown): Json | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
}

export class RealtimeEventHandler {
  readonly counters: EventCounters = createCounters();
  private activeGeneration = -1;
  private seenEventIds = new Set<string>();
  private knownItems = new Set<string>();
  private readonly log: HandlerLog;

  constructor(log: HandlerLog) {
    this.log = log;
  }

  /** A new connection starts: its messages are current, earlier ones are stale. */
  beginConnection(generation: number): void {
    this.activeGeneration = generation;
    this.seenEventIds = new Set();
    this.knownItems = new Set();
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
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      this.counters.malformed += 1;
      this.log.warn({ sample: raw.slice(0, 120) }, 'malformed JSON on the data channel');
      return { type: null, events: [] };
    }
    const message = obj(parsed);
    const rawType = message ? str(message.type) : null;
    if (!message || !rawType) {
      this.counters.malformed += 1;
      this.log.warn({ sample: raw.slice(0, 120) }, 'message without a type');
      return { type: null, events: [] };
    }
    const eventId = str(message.event_id);
    if (eventId) {
      if (this.seenEventIds.has(eventId)) {
        this.counters.duplicate += 1;
        this.log.debug({ eventId, type: rawType }, 'duplicate event dropped');
        return { type: rawType, events: [] };
      }
      this.remember(eventId);
    }
    const type = BETA_EVENT_ALIASES.get(rawType) ?? rawType;
    this.counters.byType[type] = (this.counters.byType[type] ?? 0) + 1;
    const events = this.translate(type, message);
    if (events === null) {
      if (IGNORED_SERVER_EVENT_TYPES.has(type)) {
        this.counters.accepted += 1;
        return { type, events: [] };
      }
      this.counters.unknown += 1;
      this.log.warn({ type }, 'unknown event type');
      return { type, events: [] };
    }
    if (events === 'invalid') {
      this.counters.invalid += 1;
      this.log.warn({ type, sample: raw.slice(0, 200) }, 'event missing required fields');
      return { type, events: [] };
    }
    this.counters.accepted += 1;
    const handled: HandledMessage = { type, events };
    const stats = obj(message[LOCAL_AUDIO_STATS_FIELD]);
    if (type === ServerEventType.inputAudioBufferCommitted && stats) {
      handled.audioStats = stats as unknown as LocalAudioStats;
    }
    return handled;
  }

  private remember(eventId: string): void {
    this.seenEventIds.add(eventId);
    if (this.seenEventIds.size > REMEMBERED_EVENT_IDS) {
      const oldest = this.seenEventIds.values().next().value;
      if (oldest !== undefined) this.seenEventIds.delete(oldest);
    }
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
        return [{ type: 'server.session_created', sessionId: str(obj(m.session)?.id) }];
      case ServerEventType.sessionUpdated:
        return [{ type: 'server.session_updated' }];
      case ServerEventType.inputAudioBufferCommitted:
        return [{ type: 'server.input_committed', itemId: str(m.item_id) }];
      case ServerEventType.conversationItemAdded:
      case ServerEventType.conversationItemDone: {
        const item = obj(m.item);
        const itemId = item ? str(item.id) : null;
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
        const itemId = str(m.item_id);
        const delta = str(m.delta);
        if (!itemId || delta === null) return 'invalid';
        const events: ServerEvent[] = [];
        this.ensureItem(itemId, 'user', events);
        events.push({ type: 'server.user_transcript_delta', itemId, delta });
        return events;
      }
      case ServerEventType.inputTranscriptionCompleted: {
        const itemId = str(m.item_id);
        const transcript = str(m.transcript);
        if (!itemId || transcript === null) return 'invalid';
        const events: ServerEvent[] = [];
        this.ensureItem(itemId, 'user', events);
        events.push({ type: 'server.user_transcript_completed', itemId, transcript });
        return events;
      }
      case ServerEventType.inputTranscriptionFailed: {
        const itemId = str(m.item_id);
        if (!itemId) return 'invalid';
        const message = str(obj(m.error)?.message) ?? 'transcription failed';
        return [{ type: 'server.user_transcript_failed', itemId, message }];
      }
      case ServerEventType.responseCreated: {
        const responseId = str(obj(m.response)?.id);
        if (!responseId) return 'invalid';
        return [{ type: 'server.response_created', responseId }];
      }
      case ServerEventType.responseOutputAudioTranscriptDelta:
      case ServerEventType.responseOutputTextDelta: {
        const responseId = str(m.response_id);
        const itemId = str(m.item_id);
        const delta = str(m.delta);
        if (!responseId || !itemId || delta === null) return 'invalid';
        const events: ServerEvent[] = [];
        this.ensureItem(itemId, 'assistant', events);
        events.push({ type: 'server.assistant_transcript_delta', responseId, itemId, delta });
        return events;
      }
      case ServerEventType.responseOutputAudioTranscriptDone:
      case ServerEventType.responseOutputTextDone: {
        const responseId = str(m.response_id);
        const itemId = str(m.item_id);
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
        const responseId = str(m.response_id) ?? '';
        const callId = str(m.call_id);
        const name = str(m.name);
        const args = str(m.arguments);
        if (!callId || !name || args === null) return 'invalid';
        return [{ type: 'server.function_call_done', responseId, callId, name, arguments: args }];
      }
      case ServerEventType.outputAudioBufferStarted:
        return [{ type: 'server.speaking_started' }];
      case ServerEventType.outputAudioBufferStopped:
      case ServerEventType.outputAudioBufferCleared:
        return [{ type: 'server.speaking_stopped' }];
      case ServerEventType.responseDone: {
        const response = obj(m.response);
        const responseId = response ? str(response.id) : null;
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
