/**
 * The protocol side of one local realtime session: it takes client events and audio
 * packets and answers with GA Realtime server events, the way the real service does
 * for push-to-talk (`turn_detection: null`). Transport-free, so the same logic runs
 * behind any channel.
 *
 * Nothing a client sends can make it throw: every message passes the client message
 * guard first, and every handler runs inside a catch that answers with an `error` event.
 */

import { ErrorCode, LOCAL_AUDIO_STATS_FIELD, ServerEventType, type LocalAudioStats } from '../../src/protocol/realtimeEvents.ts';
import type { ServerLogger } from '../log.ts';
import { dataChannelRefused } from '../metrics/serverMetrics.ts';
import { WorkLimiter, WorkRefusedError } from '../speech/workLimiter.ts';
import { parseClientMessage } from './clientMessageGuard.ts';
import { newId } from './eventIds.ts';
import { replyEvents } from './replyEvents.ts';
import type { Scenario } from './scenarios.ts';
import { Conversation, ROOT_ITEM_ID } from './conversation.ts';
import { checkConversationItem } from './conversationItem.ts';
import { EventTimeline } from './eventTimeline.ts';
import { encodeServerEvent } from './serverEventEncoder.ts';
import { applySessionUpdate, defaultSessionSettings, isRefusal, sessionObject, type SessionSettings } from './sessionConfig.ts';
import type { Speaker, SpeechRecognizer, TurnAudio } from './speechPorts.ts';
import type { TurnAgent } from './turnAgent.ts';

/** One Opus frame every 20 ms is what Chromium sends. */
export const FRAME_MS = 20;
/** The real service rejects a commit of less than 100 ms of audio. */
const MIN_COMMIT_MS = 100;
/** Audio kept while nobody commits: a minute, like a generous real buffer. */
const MAX_BUFFERED_FRAMES = 3_000;
/**
 * Function outputs the client may hand in before a response consumes them. The agent
 * makes a handful of calls per response; a client that only ever sends outputs once
 * grew this list without end.
 */
export const MAX_PENDING_FUNCTION_OUTPUTS = 16;
/** Turn statistics kept for the debug report: the latest ones are what anyone asks about. */
const MAX_TURN_STATS = 50;
/** A commit may wait behind one recognition of the same session; more are refused. */
const SESSION_RECOGNITION_QUEUE = 1;

export interface SessionOutput {
  /** One server event as JSON, or raw text (the malformed_events scenario sends garbage). */
  send(message: string): void;
  /** Fault scenarios and expiry: cut the transport as a failing network would. */
  drop(what: 'channel' | 'peer'): void;
  /** The largest message the peer accepts (its `a=max-message-size`). */
  readonly maxMessageBytes: number;
}

export interface RealtimeSessionOptions {
  output: SessionOutput;
  recognizer: SpeechRecognizer;
  agent: TurnAgent;
  speaker: Speaker | null;
  scenario: Scenario | null;
  log: ServerLogger;
  /** The session ends with `session_expired` this long after it starts (the real service: 60 minutes). */
  maxDurationMs: number;
  /** The session as the call's offer configured it; the default session otherwise. */
  settings?: SessionSettings;
}

const MAX_METADATA_KEYS = 16;

/** The service's metadata rules: up to 16 pairs of strings, keys to 64 characters, values to 512. */
function responseMetadata(response: unknown): Record<string, string> | null | 'invalid' {
  if (response === undefined || response === null) return null;
  if (typeof response !== 'object' || Array.isArray(response)) return 'invalid';
  const metadata = (response as { metadata?: unknown }).metadata;
  if (metadata === undefined || metadata === null) return null;
  if (typeof metadata !== 'object' || Array.isArray(metadata)) return 'invalid';
  const entries = Object.entries(metadata as Record<string, unknown>);
  if (entries.length > MAX_METADATA_KEYS) return 'invalid';
  for (const [key, value] of entries) {
    if (key.length > 64 || typeof value !== 'string' || value.length > 512) return 'invalid';
  }
  // Own properties only: a key such as "__proto__" stays a key.
  return Object.fromEntries(entries) as Record<string, string>;
}

interface ActiveResponse {
  id: string;
  /** The assistant message being spoken for this response, once its events are out. */
  assistantItemId: string | null;
  cancelled: boolean;
  /** `response.metadata` from the client's response.create, echoed in the response object as the service does. */
  metadata: Record<string, string> | null;
}

interface PendingUserTurn {
  itemId: string;
  transcript: Promise<string | null>;
}

export class RealtimeSession {
  readonly id = newId('sess');
  private readonly options: RealtimeSessionOptions;
  private readonly log: ServerLogger;
  /** Aborted on close: it kills this session's recognizer processes. */
  private readonly lifetime = new AbortController();
  private readonly recognitionSlots = new WorkLimiter('speech recognition for one session', 1, SESSION_RECOGNITION_QUEUE);
  private buffer: TurnAudio = { frames: [], bytes: 0 };
  private readonly conversation = new Conversation();
  /** The response whose audio is playing, named by output_audio_buffer.* as the service does. */
  private speakingResponseId: string | null = null;
  private readonly startedAt = Date.now();
  /** The latest committed turn not yet answered; only it is answered by the next response. */
  private pendingUserTurn: PendingUserTurn | null = null;
  private readonly functionOutputs: { callId: string; output: string }[] = [];
  private activeResponse: ActiveResponse | null = null;
  private closed = false;
  private malformedCount = 0;
  private expiryTimer: NodeJS.Timeout | null = null;
  /** Scenario delays in flight; close() cancels them. */
  private readonly delays = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  private settings: SessionSettings;
  /** The latest turns' audio statistics, for tests and the log. */
  readonly turns: LocalAudioStats[] = [];
  /** When each event came in and went out, for the debug report's latency split. */
  readonly timeline = new EventTimeline();
  /** The latest truncations (barge-ins): where each reply was cut, against its whole length. */
  readonly truncations: { itemId: string; audioEndMs: number; audioMs: number }[] = [];

  constructor(options: RealtimeSessionOptions) {
    this.options = options;
    this.settings = options.settings ?? defaultSessionSettings();
    this.log = options.log.child({ session: this.id, scenario: options.scenario?.name ?? null });
  }

  private is(name: Scenario['name']): boolean {
    return this.options.scenario?.name === name;
  }

  /** The data channel opened: the real service greets at once, and the session clock starts. */
  start(): void {
    if (!this.is('lost_session_created')) this.emit(ServerEventType.sessionCreated, { session: this.sessionObject() });
    const scenarioExpiryMs = this.is('session_expired') ? (this.options.scenario?.parameter ?? 5) * 1000 : Number.POSITIVE_INFINITY;
    this.expiryTimer = setTimeout(() => this.expire(), Math.min(scenarioExpiryMs, this.options.maxDurationMs));
    if (this.is('burst_on_open')) {
      for (let index = 0; index < 50; index += 1) {
        this.emit(ServerEventType.rateLimitsUpdated, {
          rate_limits: [{ name: 'requests', limit: 1000, remaining: 1000 - index, reset_seconds: 60 }],
        });
      }
    }
  }

  appendAudio(payload: Buffer): void {
    if (this.closed) return;
    this.buffer.frames.push(payload);
    this.buffer.bytes += payload.length;
    if (this.buffer.frames.length > MAX_BUFFERED_FRAMES) {
      const dropped = this.buffer.frames.shift();
      this.buffer.bytes -= dropped?.length ?? 0;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.lifetime.abort();
    if (this.activeResponse) this.activeResponse.cancelled = true;
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    for (const pending of this.delays) {
      clearTimeout(pending.timer);
      pending.resolve();
    }
    this.delays.clear();
    this.buffer = { frames: [], bytes: 0 };
    this.pendingUserTurn = null;
    this.functionOutputs.length = 0;
    this.conversation.clear();
    this.options.speaker?.stop();
  }

  /** A delay that ends early when the session closes. */
  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const pending = {
        timer: setTimeout(() => {
          this.delays.delete(pending);
          resolve();
        }, ms),
        resolve,
      };
      this.delays.add(pending);
    });
  }

  private expire(): void {
    this.log.info('session reached its maximum duration');
    this.sendError(ErrorCode.sessionExpired, 'Your session hit the maximum duration.', null);
    this.options.output.drop('peer');
  }

  /** One raw client message. Bad input gets the real service's error event, never a throw. */
  handleClientMessage(raw: string | Buffer): void {
    if (this.closed) return;
    const message = parseClientMessage(raw);
    if (!message.ok) {
      this.log.debug({ code: message.code }, 'client event refused');
      dataChannelRefused.inc({ code: message.code });
      this.sendError(message.code, message.message, message.eventId);
      return;
    }
    this.timeline.mark('received', typeof message.event.type === 'string' ? message.event.type : '');
    try {
      this.dispatch(message.event, message.eventId);
    } catch (error) {
      this.log.warn({ error: String(error) }, 'client event failed');
      this.sendError('event_not_processed', 'The event could not be processed.', message.eventId);
    }
  }

  private dispatch(event: Record<string, unknown>, eventId: string | null): void {
    const type = typeof event.type === 'string' ? event.type : '';
    this.log.debug({ type }, 'client event');
    switch (type) {
      case 'session.update':
        return this.updateSession(event, eventId);
      case 'input_audio_buffer.clear':
        this.buffer = { frames: [], bytes: 0 };
        return this.emit(ServerEventType.inputAudioBufferCleared, {});
      case 'input_audio_buffer.commit':
        return this.commit(eventId);
      case 'conversation.item.create':
        return this.createItem(event, eventId);
      case 'response.create':
        return this.createResponse(event, eventId);
      case 'response.cancel':
        return this.cancelResponse();
      case 'output_audio_buffer.clear':
        return this.stopSpeaking();
      case 'conversation.item.retrieve':
        return this.retrieveItem(event, eventId);
      case 'conversation.item.delete':
        return this.deleteItem(event, eventId);
      case 'conversation.item.truncate':
        return this.truncateItem(event, eventId);
      default:
        this.sendError('invalid_event', `Unknown client event type '${type.slice(0, 64)}'.`, eventId, 'type');
    }
  }

  private sessionObject(settings = this.settings): Record<string, unknown> {
    const expiresAt = Math.floor((this.startedAt + this.options.maxDurationMs) / 1000);
    return sessionObject(this.id, settings, Number.isFinite(expiresAt) ? expiresAt : 0);
  }

  private updateSession(event: Record<string, unknown>, eventId: string | null): void {
    const next = applySessionUpdate(this.settings, event.session);
    if (isRefusal(next)) {
      this.sendError(next.code, next.message, eventId, next.param);
      return;
    }
    // The session is echoed whole in session.updated: one the peer could not receive is refused, not stored.
    const echo = encodeServerEvent(ServerEventType.sessionUpdated, { session: this.sessionObject(next) }, this.options.output.maxMessageBytes);
    if (!echo.fits) {
      this.sendError(
        'session_too_large',
        `The session would be ${echo.bytes} bytes; session.updated must fit the connection's ${this.options.output.maxMessageBytes}-byte message limit.`,
        eventId,
        'session',
      );
      return;
    }
    this.settings = next;
    // Told again, even unchanged: "the order is empty" after a start over is news to the agent.
    const sent = event.session as { instructions?: unknown } | null | undefined;
    if (typeof sent?.instructions === 'string') this.options.agent.instructionsChanged?.(next.instructions);
    this.emit(ServerEventType.sessionUpdated, { session: this.sessionObject() });
  }

  private commit(eventId: string | null): void {
    const audio = this.buffer;
    this.buffer = { frames: [], bytes: 0 };
    const stats: LocalAudioStats = {
      packets: audio.frames.length,
      bytes: audio.bytes,
      duration_ms: audio.frames.length * FRAME_MS,
    };
    if (stats.duration_ms < MIN_COMMIT_MS) {
      this.log.info(stats, 'commit refused: buffer too small');
      this.sendError(
        ErrorCode.commitEmpty,
        `Error committing input audio buffer: buffer too small. Expected at least ${MIN_COMMIT_MS}ms of audio, but buffer only has ${stats.duration_ms}ms of audio.`,
        eventId,
      );
      return;
    }
    this.turns.push(stats);
    if (this.turns.length > MAX_TURN_STATS) this.turns.shift();
    this.log.info(stats, 'turn audio received');
    const itemId = newId('item');
    const item = {
      id: itemId,
      object: 'realtime.item',
      type: 'message',
      status: 'completed',
      role: 'user',
      content: [{ type: 'input_audio', transcript: null }],
    };
    const previousItemId = this.conversation.add(item);
    this.emit(ServerEventType.inputAudioBufferCommitted, {
      previous_item_id: previousItemId,
      item_id: itemId,
      [LOCAL_AUDIO_STATS_FIELD]: stats,
    });
    const announce = () => {
      this.emit(ServerEventType.conversationItemAdded, { previous_item_id: previousItemId, item });
      this.emit(ServerEventType.conversationItemDone, { previous_item_id: previousItemId, item });
    };
    if (this.is('drop_channel_mid_turn')) {
      this.options.output.drop('channel');
      return;
    }
    let transcript: Promise<string | null>;
    if (this.is('lost_item_created')) {
      transcript = this.transcribe(itemId, audio);
    } else if (this.is('out_of_order')) {
      transcript = this.transcribe(itemId, audio).finally(announce);
    } else {
      announce();
      transcript = this.transcribe(itemId, audio);
    }
    this.pendingUserTurn = { itemId, transcript };
  }

  private async transcribe(itemId: string, audio: TurnAudio): Promise<string | null> {
    if (this.is('no_transcript')) return new Promise<string | null>(() => undefined);
    if (this.is('transcript_failed')) {
      this.transcriptionFailed(itemId, 'audio_unintelligible', 'Audio could not be transcribed.');
      return null;
    }
    let transcript: string | null;
    const signal = this.lifetime.signal;
    try {
      transcript = await this.recognitionSlots.run(() => this.options.recognizer.transcribe(audio, signal), signal);
    } catch (error) {
      if (this.closed) return null;
      if (error instanceof WorkRefusedError && error.reason === 'busy') {
        this.log.warn({ error: error.message }, 'recognizer busy; turn not transcribed');
        this.transcriptionFailed(itemId, 'recognizer_busy', 'Too many turns are waiting to be transcribed; please try again.');
        return null;
      }
      this.log.error({ error: String(error) }, 'recognizer failed');
      transcript = null;
    }
    if (this.closed) return transcript;
    this.conversation.update(itemId, { content: [{ type: 'input_audio', transcript: transcript ?? '' }] });
    // A session that turned transcription off hears the words but is told none of them.
    if (this.settings.input.transcription === null) return transcript;
    const words = (transcript ?? '').split(' ').filter(Boolean);
    words.forEach((word, index) => {
      this.emit(ServerEventType.inputTranscriptionDelta, {
        item_id: itemId,
        content_index: 0,
        delta: index === 0 ? word : ` ${word}`,
      });
    });
    this.emit(ServerEventType.inputTranscriptionCompleted, {
      item_id: itemId,
      content_index: 0,
      transcript: transcript ?? '',
    });
    return transcript;
  }

  private transcriptionFailed(itemId: string, code: string, message: string): void {
    this.emit(ServerEventType.inputTranscriptionFailed, {
      item_id: itemId,
      content_index: 0,
      error: { type: 'transcription_error', code, message },
    });
  }

  private createItem(event: Record<string, unknown>, eventId: string | null): void {
    const checked = checkConversationItem(event.item);
    if (!checked.ok) {
      this.sendError(checked.code, checked.message, eventId, checked.param);
      return;
    }
    if (checked.functionOutput) {
      if (this.functionOutputs.length >= MAX_PENDING_FUNCTION_OUTPUTS) {
        this.sendError(
          'too_many_pending_items',
          `At most ${MAX_PENDING_FUNCTION_OUTPUTS} function outputs may wait for a response; send response.create first.`,
          eventId,
          'item',
        );
        return;
      }
    }
    const fields = checked.item;
    const after = event.previous_item_id;
    if (after !== undefined && after !== null && (typeof after !== 'string' || (after !== ROOT_ITEM_ID && !this.conversation.has(after)))) {
      this.sendError('invalid_value', `Invalid 'previous_item_id': no item with id '${String(after).slice(0, 64)}' in the conversation.`, eventId, 'previous_item_id');
      return;
    }
    if (checked.functionOutput) this.functionOutputs.push(checked.functionOutput);
    const itemId = typeof fields.id === 'string' ? fields.id : newId('item');
    const stored = { ...fields, id: itemId, object: 'realtime.item', status: 'completed' };
    const previousItemId = this.conversation.add(stored, typeof after === 'string' ? after : undefined);
    this.emit(ServerEventType.conversationItemAdded, { previous_item_id: previousItemId, item: stored });
    this.emit(ServerEventType.conversationItemDone, { previous_item_id: previousItemId, item: stored });
  }

  private itemIdOf(event: Record<string, unknown>, eventId: string | null): string | null {
    const itemId = event.item_id;
    if (typeof itemId !== 'string' || itemId.length === 0) {
      this.sendError('missing_required_parameter', "Missing required parameter: 'item_id'.", eventId, 'item_id');
      return null;
    }
    if (!this.conversation.has(itemId)) {
      this.sendError('item_not_found', `Item with item_id not found: ${itemId.slice(0, 64)}`, eventId, 'item_id');
      return null;
    }
    return itemId;
  }

  private retrieveItem(event: Record<string, unknown>, eventId: string | null): void {
    const itemId = this.itemIdOf(event, eventId);
    const item = itemId ? this.conversation.get(itemId) : null;
    if (item) this.emit(ServerEventType.conversationItemRetrieved, { item });
  }

  private deleteItem(event: Record<string, unknown>, eventId: string | null): void {
    const itemId = this.itemIdOf(event, eventId);
    if (!itemId) return;
    this.conversation.remove(itemId);
    this.emit(ServerEventType.conversationItemDeleted, { item_id: itemId });
  }

  /**
   * Cuts an assistant message's audio at what the listener heard; its transcript goes,
   * as the service drops the text of audio that was never played.
   */
  private truncateItem(event: Record<string, unknown>, eventId: string | null): void {
    const itemId = this.itemIdOf(event, eventId);
    if (!itemId) return;
    const item = this.conversation.get(itemId);
    if (item?.type !== 'message' || item.role !== 'assistant') {
      this.sendError('invalid_value', 'Only assistant messages can be truncated.', eventId, 'item_id');
      return;
    }
    if (event.content_index !== 0) {
      this.sendError('invalid_value', "Invalid 'content_index': the message's audio is content part 0.", eventId, 'content_index');
      return;
    }
    const audioEndMs = event.audio_end_ms;
    if (typeof audioEndMs !== 'number' || !Number.isInteger(audioEndMs) || audioEndMs < 0) {
      this.sendError('invalid_value', "Invalid 'audio_end_ms': expected a whole number of milliseconds, 0 or more.", eventId, 'audio_end_ms');
      return;
    }
    const audioMs = this.conversation.audioMsOf(itemId);
    if (audioEndMs > audioMs) {
      this.sendError('invalid_value', `Audio content of ${audioMs}ms is already shorter than ${audioEndMs}ms`, eventId, 'audio_end_ms');
      return;
    }
    this.conversation.update(itemId, { content: [{ type: 'output_audio', transcript: '' }] });
    this.conversation.setAudioMs(itemId, audioEndMs);
    this.truncations.push({ itemId, audioEndMs, audioMs });
    if (this.truncations.length > MAX_TURN_STATS) this.truncations.shift();
    this.emit(ServerEventType.conversationItemTruncated, { item_id: itemId, content_index: 0, audio_end_ms: audioEndMs });
  }

  private createResponse(event: Record<string, unknown>, eventId: string | null): void {
    const metadata = responseMetadata(event.response);
    if (metadata === 'invalid') {
      this.sendError(
        'invalid_value',
        `response.metadata must be at most ${MAX_METADATA_KEYS} string values (keys up to 64 characters, values up to 512).`,
        eventId,
        'response.metadata',
      );
      return;
    }
    if (this.activeResponse) {
      this.sendError(
        ErrorCode.activeResponse,
        `Conversation already has an active response in progress: ${this.activeResponse.id}. Wait until the response is finished before creating a new one.`,
        eventId,
      );
      return;
    }
    const response: ActiveResponse = { id: newId('resp'), assistantItemId: null, cancelled: false, metadata };
    this.activeResponse = response;
    void this.runResponse(response).catch((error: unknown) => {
      this.log.error({ error: String(error) }, 'response failed');
      this.finishResponse(response, 'failed', []);
    });
  }

  private cancelResponse(): void {
    const response = this.activeResponse;
    if (!response) return;
    response.cancelled = true;
    this.finishResponse(response, 'cancelled', []);
  }

  private async runResponse(response: ActiveResponse): Promise<void> {
    if (this.is('no_transcript') || this.is('no_response')) {
      // The real service would answer from the audio; here nothing comes back, so the
      // client's timeout is what ends the turn. The response stays active, as a hung one does.
      return;
    }
    this.emit(ServerEventType.responseCreated, {
      response: { id: response.id, object: 'realtime.response', status: 'in_progress', output: [], metadata: response.metadata },
    });
    if (this.is('drop_peer_mid_response')) {
      this.options.output.drop('peer');
      return;
    }
    const outputs = this.functionOutputs.splice(0);
    const turn = this.pendingUserTurn;
    this.pendingUserTurn = null;
    const transcript = turn ? await turn.transcript : null;
    if (this.is('slow_response')) await this.delay(this.options.scenario?.parameter ?? 12_000);
    if (response.cancelled || this.closed) return;
    const reply = this.options.agent.reply({ transcript, functionOutputs: outputs });
    const modality = this.settings.outputModalities[0];
    const { events, output, items, assistantItemId } = replyEvents(response.id, reply, this.conversation.lastItemId, {
      outOfOrder: this.is('out_of_order'),
      modality,
    });
    for (const { item, previousItemId } of items) this.conversation.add(item, previousItemId ?? ROOT_ITEM_ID);
    response.assistantItemId = assistantItemId;
    if (reply.text && modality === 'audio' && assistantItemId) this.speak(reply.text, response.id, assistantItemId);
    for (const { type, fields } of events) this.emit(type, fields);
    this.finishResponse(response, 'completed', output);
  }

  private finishResponse(response: ActiveResponse, status: string, output: Record<string, unknown>[]): void {
    if (this.activeResponse !== response) return;
    this.activeResponse = null;
    this.emit(ServerEventType.responseDone, {
      response: { id: response.id, object: 'realtime.response', status, output, metadata: response.metadata },
    });
  }

  /** The reply is heard as well as shown; speech runs on after response.done, as on the real service. */
  private speak(text: string, responseId: string, itemId: string): void {
    const speaker = this.options.speaker;
    if (!speaker) return;
    void speaker
      .speak(text, (durationMs) => {
        this.conversation.setAudioMs(itemId, durationMs);
        this.speakingResponseId = responseId;
        this.emit(ServerEventType.outputAudioBufferStarted, { response_id: responseId });
      })
      .then((completed) => {
        if (completed && this.speakingResponseId === responseId) {
          this.speakingResponseId = null;
          this.emit(ServerEventType.outputAudioBufferStopped, { response_id: responseId });
        }
      })
      .catch((error: unknown) => {
        if (!this.closed) this.log.warn({ error: String(error) }, 'speech failed; the reply is text only');
      });
  }

  private stopSpeaking(): void {
    this.options.speaker?.stop();
    const responseId = this.speakingResponseId;
    if (responseId) {
      this.speakingResponseId = null;
      this.emit(ServerEventType.outputAudioBufferCleared, { response_id: responseId });
    }
  }

  /** The GA `error` event; `eventId` is the client event it answers, when known. */
  private sendError(code: string, message: string, eventId: string | null, param: string | null = null): void {
    this.emit(ServerEventType.error, { error: { type: 'invalid_request_error', code, message, param, event_id: eventId } });
  }

  private emit(type: string, fields: Record<string, unknown>): void {
    if (this.closed) return;
    const encoded = encodeServerEvent(type, fields, this.options.output.maxMessageBytes);
    if (!encoded.fits) this.log.warn({ type, bytes: encoded.bytes, limit: this.options.output.maxMessageBytes }, 'server event too large for the peer; not sent');
    const message = encoded.text;
    if (message === null) return;
    if (this.is('malformed_events')) {
      this.malformedCount += 1;
      this.options.output.send(
        this.malformedCount % 2 ? `{"type": "${type}", "truncated` : JSON.stringify({ type: 'local.unknown_event', n: this.malformedCount }),
      );
    }
    this.options.output.send(message);
    this.timeline.mark('sent', type);
    if (this.is('duplicate_events')) this.options.output.send(message);
  }
}
