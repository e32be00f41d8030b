/**
 * A small simulated Realtime service for model-based tests of the turn machine.
 *
 * It answers client events in protocol order on two wires — the input stream (commit
 * acks, items, transcripts) and the response stream (a response's events) — and the
 * test driver chooses which wire delivers next, so the two interleave as they do on
 * the real service. Its own choices (a failed transcription, a tool call, a failed
 * response) come from a seeded generator, so a sequence replays exactly.
 */

import { ToolName } from '../../src/menu/menuTools.ts';
import { RESPONSE_TAG_FIELD } from '../../src/protocol/realtimeEvents.ts';
import type { Rng } from './rng.ts';

export interface ServerBehaviour {
  /** Echo the response metadata (the real service does); off, the client must match by order. */
  echoMetadata: boolean;
  /** Chance that a transcription fails, a response fails, a commit is refused as empty. */
  transcriptionFailure: number;
  responseFailure: number;
  commitRefusal: number;
  /** Chance that a response calls a tool. */
  toolCall: number;
}

export interface ToolCallIssued {
  callId: string;
  arguments: string;
  /** The client's conversation when the response.create that caused it arrived. */
  conversation: number;
}

interface Response {
  id: string;
  tag: string | null;
  conversation: number;
  speaking: boolean;
  /** The events of this response not yet on the wire. */
  remaining: Record<string, unknown>[];
}

export class SimulatedRealtimeServer {
  readonly input: string[] = [];
  readonly responses: string[] = [];
  /** What the client did that the real service would refuse outright; the test fails on any. */
  readonly protocolViolations: string[] = [];
  readonly toolCalls = new Map<string, ToolCallIssued>();
  /** The item each commit created, in commit order (null for a refused commit). */
  readonly itemsByCommit: (string | null)[] = [];
  private readonly rng: Rng;
  private readonly behaviour: ServerBehaviour;
  private nextId = 1;
  /** The latest response; it is running until its response.done is on the wire. */
  private active: Response | null = null;
  private audioSinceClear = false;
  /** Set by the driver: which customer the client is serving now. */
  conversation = 0;

  constructor(rng: Rng, behaviour: ServerBehaviour) {
    this.rng = rng;
    this.behaviour = behaviour;
  }

  /** The session opened: the service greets. */
  open(): void {
    this.input.push(this.event('session.created', { session: { id: this.id('sess') } }));
  }

  microphone(enabled: boolean): void {
    if (enabled) this.audioSinceClear = true;
  }

  /** A client event arrives (already serialised by the client, as on the wire). */
  receive(event: Record<string, unknown>): void {
    switch (event.type) {
      case 'session.update':
        this.input.push(this.event('session.updated', { session: {} }));
        break;
      case 'input_audio_buffer.clear':
        this.audioSinceClear = false;
        this.input.push(this.event('input_audio_buffer.cleared'));
        break;
      case 'input_audio_buffer.commit':
        this.commit();
        break;
      case 'response.create':
        this.createResponse(event);
        break;
      case 'response.cancel':
        this.cancelResponse(typeof event.response_id === 'string' ? event.response_id : null);
        break;
      case 'output_audio_buffer.clear':
        this.clearAudio();
        break;
      case 'conversation.item.create': {
        const item = event.item as { type?: string; call_id?: string } | undefined;
        if (item?.type === 'function_call_output' && (!item.call_id || !this.toolCalls.has(item.call_id))) {
          this.protocolViolations.push(`function_call_output for ${item.call_id}, a call this session never made`);
          this.input.push(this.error('invalid_request_error', 'item_not_found', 'Unknown call_id'));
          break;
        }
        this.input.push(this.event('conversation.item.added', { item: { id: this.id('item'), type: item?.type } }));
        break;
      }
      default:
        this.protocolViolations.push(`unknown client event ${String(event.type)}`);
    }
  }

  /**
   * Takes the next message off one wire; with `orOther`, off the other when that one is
   * empty. Without it, one wire can hold back while the other runs ahead.
   */
  nextMessage(preferResponses: boolean, orOther = false): string | null {
    this.refillResponseWire();
    const first = preferResponses ? this.responses : this.input;
    const second = preferResponses ? this.input : this.responses;
    return first.shift() ?? (orOther ? second.shift() : undefined) ?? null;
  }

  hasMessages(): boolean {
    this.refillResponseWire();
    return this.input.length > 0 || this.responses.length > 0;
  }

  /** A message sent again under a new event_id, as a faulty relay would: duplicate detection cannot catch it. */
  resentWithNewId(raw: string): string {
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    return JSON.stringify({ ...parsed, event_id: this.id('event') });
  }

  /** An event naming ids the client never heard of, or from long ago. */
  strayEvent(kind: number, pastItemIds: string[]): string {
    const pastItem = pastItemIds[kind % Math.max(1, pastItemIds.length)] ?? 'item_unknown';
    switch (kind % 5) {
      case 0:
        return this.event('conversation.item.input_audio_transcription.completed', { item_id: pastItem, transcript: 'old words' });
      case 1:
        return this.event('response.done', { response: { id: this.id('resp_stray'), status: 'completed' } });
      case 2:
        return this.event('response.function_call_arguments.done', {
          response_id: this.id('resp_stray'),
          item_id: this.id('item'),
          call_id: this.id('call_stray'),
          name: ToolName.addItem,
          arguments: JSON.stringify({ item_id: 'cheeseburger', quantity: 3 }),
        });
      case 3:
        return this.event('conversation.item.input_audio_transcription.failed', { item_id: pastItem, error: { message: 'x' } });
      default:
        return this.event('response.output_audio_transcript.delta', { response_id: this.id('resp_stray'), item_id: pastItem, delta: '?' });
    }
  }

  private commit(): void {
    if (!this.audioSinceClear || this.rng() < this.behaviour.commitRefusal) {
      this.itemsByCommit.push(null);
      this.input.push(this.error('invalid_request_error', 'input_audio_buffer_commit_empty', 'buffer too small'));
      return;
    }
    this.audioSinceClear = false;
    const itemId = this.id('item');
    this.itemsByCommit.push(itemId);
    this.input.push(this.event('input_audio_buffer.committed', { item_id: itemId, previous_item_id: null }));
    this.input.push(this.event('conversation.item.added', { item: { id: itemId, type: 'message', role: 'user' } }));
    this.input.push(this.event('conversation.item.input_audio_transcription.delta', { item_id: itemId, delta: 'two ' }));
    if (this.rng() < this.behaviour.transcriptionFailure) {
      this.input.push(
        this.event('conversation.item.input_audio_transcription.failed', { item_id: itemId, error: { message: 'bad audio' } }),
      );
    } else {
      this.input.push(
        this.event('conversation.item.input_audio_transcription.completed', { item_id: itemId, transcript: 'two cookies' }),
      );
    }
  }

  private createResponse(event: Record<string, unknown>): void {
    if (this.active && this.isRunning(this.active)) {
      this.input.push(
        this.error('invalid_request_error', 'conversation_already_has_active_response', 'A response is in progress.'),
      );
      return;
    }
    const metadata = (event.response as { metadata?: Record<string, unknown> } | undefined)?.metadata;
    const tag = typeof metadata?.[RESPONSE_TAG_FIELD] === 'string' ? (metadata[RESPONSE_TAG_FIELD] as string) : null;
    const response: Response = { id: this.id('resp'), tag, conversation: this.conversation, speaking: false, remaining: [] };
    const itemId = this.id('item');
    response.remaining.push(
      this.eventObject('response.created', {
        response: { id: response.id, status: 'in_progress', ...(this.behaviour.echoMetadata && metadata ? { metadata } : {}) },
      }),
    );
    if (this.rng() < this.behaviour.toolCall) {
      const callId = this.id('call');
      const args = JSON.stringify({ item_id: 'cookie', quantity: 1 });
      this.toolCalls.set(callId, { callId, arguments: args, conversation: response.conversation });
      response.remaining.push(
        this.eventObject('response.function_call_arguments.done', {
          response_id: response.id,
          item_id: this.id('item'),
          call_id: callId,
          name: ToolName.addItem,
          arguments: args,
        }),
      );
    }
    response.remaining.push(this.eventObject('output_audio_buffer.started', { response_id: response.id }));
    response.remaining.push(
      this.eventObject('response.output_audio_transcript.delta', { response_id: response.id, item_id: itemId, delta: 'Sure.' }),
    );
    const status = this.rng() < this.behaviour.responseFailure ? (this.rng() < 0.5 ? 'failed' : 'incomplete') : 'completed';
    response.remaining.push(this.eventObject('response.done', { response: { id: response.id, status } }));
    response.remaining.push(this.eventObject('output_audio_buffer.stopped', { response_id: response.id }));
    // What is left of the previous response (its audio ending) goes out first.
    for (const rest of this.active?.remaining ?? []) this.responses.push(JSON.stringify(rest));
    this.active = response;
  }

  private cancelResponse(responseId: string | null): void {
    const response = this.active;
    if (!response || (responseId !== null && responseId !== response.id) || !this.isRunning(response)) {
      this.input.push(this.error('invalid_request_error', 'response_cancel_not_active', 'No active response.'));
      return;
    }
    response.remaining = response.remaining.filter((event) => event.type === 'response.created');
    if (response.speaking) response.remaining.push(this.eventObject('output_audio_buffer.cleared', { response_id: response.id }));
    response.remaining.push(this.eventObject('response.done', { response: { id: response.id, status: 'cancelled' } }));
  }

  private clearAudio(): void {
    const response = this.active;
    if (response?.speaking) {
      response.speaking = false;
      response.remaining = response.remaining.filter((event) => event.type !== 'output_audio_buffer.stopped');
      this.responses.push(this.event('output_audio_buffer.cleared', { response_id: response.id }));
    }
  }

  private isRunning(response: Response): boolean {
    return response.remaining.some((event) => event.type === 'response.done');
  }

  /** One event of the active response goes on the wire at a time, so its state is the wire's. */
  private refillResponseWire(): void {
    const response = this.active;
    if (!response || this.responses.length > 0) return;
    const next = response.remaining.shift();
    if (!next) {
      this.active = null;
      return;
    }
    if (next.type === 'output_audio_buffer.started') response.speaking = true;
    if (next.type === 'output_audio_buffer.stopped') response.speaking = false;
    this.responses.push(JSON.stringify(next));
  }

  private id(prefix: string): string {
    return `${prefix}_${this.nextId++}`;
  }

  private eventObject(type: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
    return { type, event_id: this.id('event'), ...fields };
  }

  private event(type: string, fields: Record<string, unknown> = {}): string {
    return JSON.stringify(this.eventObject(type, fields));
  }

  private error(type: string, code: string, message: string): string {
    return this.event('error', { error: { type, code, message } });
  }
}
