/**
 * The protocol side of one local realtime session: it takes client events and audio
 * packets and answers with GA Realtime server events, the way the real service does
 * for push-to-talk (`turn_detection: null`). Transport-free, so the same logic runs
 * behind any channel.
 */

import { ErrorCode, LOCAL_AUDIO_STATS_FIELD, ServerEventType, type LocalAudioStats } from '../../src/protocol/realtimeEvents.ts';
import type { ServerLogger } from '../log.ts';
import type { Scenario } from './scenarios.ts';
import type { AgentReply, TurnAgent } from './turnAgent.ts';

/** One Opus frame every 20 ms is what Chromium sends. */
export const FRAME_MS = 20;
/** The real service rejects a commit of less than 100 ms of audio. */
const MIN_COMMIT_MS = 100;
/** Audio kept while nobody commits: a minute, like a generous real buffer. */
const MAX_BUFFERED_FRAMES = 3_000;

export interface TurnAudio {
  frames: Buffer[];
  bytes: number;
}

export interface SpeechRecognizer {
  /** The words heard in one committed turn, or null for silence. */
  transcribe(audio: TurnAudio): Promise<string | null>;
}

export interface SessionOutput {
  /** One server event as JSON, or raw text (the malformed_events scenario sends garbage). */
  send(message: string): void;
  /** Fault scenarios: cut the transport as a failing network would. */
  drop(what: 'channel' | 'peer'): void;
}

/** The agent's voice. `speak` resolves true when it finished, false when stopped. */
export interface Speaker {
  speak(text: string, onStart: () => void): Promise<boolean>;
  stop(): void;
}

export interface RealtimeSessionOptions {
  output: SessionOutput;
  recognizer: SpeechRecognizer;
  agent: TurnAgent;
  speaker: Speaker | null;
  scenario: Scenario | null;
  log: ServerLogger;
}

interface ActiveResponse {
  id: string;
  cancelled: boolean;
}

let idCounter = 0;
function newId(prefix: string): string {
  idCounter += 1;
  return `${prefix}_${Date.now().toString(36)}${idCounter.toString(36).padStart(4, '0')}`;
}

export class RealtimeSession {
  readonly id = newId('sess');
  private readonly options: RealtimeSessionOptions;
  private readonly log: ServerLogger;
  private buffer: TurnAudio = { frames: [], bytes: 0 };
  private lastItemId: string | null = null;
  private lastUserItemId: string | null = null;
  private readonly transcriptions = new Map<string, Promise<string | null>>();
  private readonly functionOutputs: { callId: string; output: string }[] = [];
  private activeResponse: ActiveResponse | null = null;
  private closed = false;
  private speaking = false;
  private malformedCount = 0;
  private expiryTimer: NodeJS.Timeout | null = null;
  /** Scenario delays in flight; close() cancels them. */
  private readonly delays = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  private instructions = '';
  private tools: unknown[] = [];
  /** Every turn's audio statistics, for tests and the log. */
  readonly turns: LocalAudioStats[] = [];

  constructor(options: RealtimeSessionOptions) {
    this.options = options;
    this.log = options.log.child({ session: this.id, scenario: options.scenario?.name ?? null });
  }

  private is(name: Scenario['name']): boolean {
    return this.options.scenario?.name === name;
  }

  /** The data channel opened: the real service greets at once. */
  start(): void {
    if (!this.is('lost_session_created')) this.emit(ServerEventType.sessionCreated, { session: this.sessionObject() });
    if (this.is('session_expired')) {
      const seconds = this.options.scenario?.parameter ?? 5;
      this.expiryTimer = setTimeout(() => this.expire(), seconds * 1000);
    }
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
    this.closed = true;
    if (this.activeResponse) this.activeResponse.cancelled = true;
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    for (const pending of this.delays) {
      clearTimeout(pending.timer);
      pending.resolve();
    }
    this.delays.clear();
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
    this.sendError('invalid_request_error', ErrorCode.sessionExpired, 'Your session hit the maximum duration.');
    this.options.output.drop('peer');
  }

  /** One raw client message. Bad input gets the real service's error event, never a throw. */
  handleClientMessage(raw: string | Buffer): void {
    if (this.closed) return;
    let message: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(raw.toString());
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      message = parsed as Record<string, unknown>;
    } catch {
      this.sendError('invalid_request_error', 'invalid_json', 'The event is not valid JSON.');
      return;
    }
    const type = typeof message.type === 'string' ? message.type : '';
    this.log.debug({ type }, 'client event');
    switch (type) {
      case 'session.update':
        return this.updateSession(message);
      case 'input_audio_buffer.clear':
        this.buffer = { frames: [], bytes: 0 };
        return this.emit(ServerEventType.inputAudioBufferCleared, {});
      case 'input_audio_buffer.commit':
        return this.commit();
      case 'conversation.item.create':
        return this.createItem(message);
      case 'response.create':
        return this.createResponse();
      case 'response.cancel':
        return this.cancelResponse();
      case 'output_audio_buffer.clear':
        return this.stopSpeaking();
      default:
        this.sendError('invalid_request_error', 'invalid_event', `Unknown client event type '${type}'.`);
    }
  }

  private sessionObject(): Record<string, unknown> {
    return {
      id: this.id,
      object: 'realtime.session',
      type: 'realtime',
      model: 'local-realtime',
      instructions: this.instructions,
      tools: this.tools,
      audio: { input: { turn_detection: null, transcription: { model: 'local-recognizer' } } },
    };
  }

  private updateSession(message: Record<string, unknown>): void {
    const session = (message.session ?? {}) as Record<string, unknown>;
    if (typeof session.instructions === 'string') this.instructions = session.instructions;
    if (Array.isArray(session.tools)) this.tools = session.tools;
    this.emit(ServerEventType.sessionUpdated, { session: this.sessionObject() });
  }

  private commit(): void {
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
        'invalid_request_error',
        ErrorCode.commitEmpty,
        `Error committing input audio buffer: buffer too small. Expected at least ${MIN_COMMIT_MS}ms of audio, but buffer only has ${stats.duration_ms}ms of audio.`,
      );
      return;
    }
    this.turns.push(stats);
    this.log.info(stats, 'turn audio received');
    const itemId = newId('item');
    const previousItemId = this.lastItemId;
    this.lastItemId = itemId;
    this.lastUserItemId = itemId;
    this.emit(ServerEventType.inputAudioBufferCommitted, {
      previous_item_id: previousItemId,
      item_id: itemId,
      [LOCAL_AUDIO_STATS_FIELD]: stats,
    });
    const item = {
      id: itemId,
      object: 'realtime.item',
      type: 'message',
      status: 'completed',
      role: 'user',
      content: [{ type: 'input_audio', transcript: null }],
    };
    const announce = () => {
      this.emit(ServerEventType.conversationItemAdded, { previous_item_id: previousItemId, item });
      this.emit(ServerEventType.conversationItemDone, { previous_item_id: previousItemId, item });
    };
    if (this.is('drop_channel_mid_turn')) {
      this.options.output.drop('channel');
      return;
    }
    if (this.is('lost_item_created')) {
      this.transcriptions.set(itemId, this.transcribe(itemId, audio));
    } else if (this.is('out_of_order')) {
      this.transcriptions.set(itemId, this.transcribe(itemId, audio).finally(announce));
    } else {
      announce();
      this.transcriptions.set(itemId, this.transcribe(itemId, audio));
    }
  }

  private async transcribe(itemId: string, audio: TurnAudio): Promise<string | null> {
    if (this.is('no_transcript')) return new Promise<string | null>(() => undefined);
    if (this.is('transcript_failed')) {
      this.emit(ServerEventType.inputTranscriptionFailed, {
        item_id: itemId,
        content_index: 0,
        error: { type: 'transcription_error', code: 'audio_unintelligible', message: 'Audio could not be transcribed.' },
      });
      return null;
    }
    let transcript: string | null;
    try {
      transcript = await this.options.recognizer.transcribe(audio);
    } catch (error) {
      this.log.error({ error: String(error) }, 'recognizer failed');
      transcript = null;
    }
    if (this.closed) return transcript;
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

  private createItem(message: Record<string, unknown>): void {
    const item = (message.item ?? {}) as Record<string, unknown>;
    if (item.type === 'function_call_output' && typeof item.call_id === 'string') {
      this.functionOutputs.push({ callId: item.call_id, output: String(item.output ?? '') });
    }
    const itemId = typeof item.id === 'string' ? item.id : newId('item');
    const previousItemId = this.lastItemId;
    this.lastItemId = itemId;
    const stored = { ...item, id: itemId, object: 'realtime.item', status: 'completed' };
    this.emit(ServerEventType.conversationItemAdded, { previous_item_id: previousItemId, item: stored });
    this.emit(ServerEventType.conversationItemDone, { previous_item_id: previousItemId, item: stored });
  }

  private createResponse(): void {
    if (this.activeResponse) {
      this.sendError(
        'invalid_request_error',
        ErrorCode.activeResponse,
        `Conversation already has an active response in progress: ${this.activeResponse.id}. Wait until the response is finished before creating a new one.`,
      );
      return;
    }
    const response: ActiveResponse = { id: newId('resp'), cancelled: false };
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
      response: { id: response.id, object: 'realtime.response', status: 'in_progress', output: [] },
    });
    if (this.is('drop_peer_mid_response')) {
      this.options.output.drop('peer');
      return;
    }
    const outputs = this.functionOutputs.splice(0);
    const userItemId = this.lastUserItemId;
    this.lastUserItemId = null;
    const transcript = userItemId ? await (this.transcriptions.get(userItemId) ?? null) : null;
    if (this.is('slow_response')) await this.delay(this.options.scenario?.parameter ?? 12_000);
    if (response.cancelled || this.closed) return;
    const reply = this.options.agent.reply({ transcript, functionOutputs: outputs });
    this.emitReply(response, reply);
  }

  private emitReply(response: ActiveResponse, reply: AgentReply): void {
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
      this.emit(ServerEventType.responseOutputItemAdded, { response_id: response.id, output_index: index, item });
      this.emit(ServerEventType.responseFunctionCallArgumentsDelta, {
        response_id: response.id,
        item_id: item.id,
        output_index: index,
        call_id: item.call_id,
        delta: args,
      });
      this.emit(ServerEventType.responseFunctionCallArgumentsDone, {
        response_id: response.id,
        item_id: item.id,
        output_index: index,
        call_id: item.call_id,
        name: call.name,
        arguments: args,
      });
      const done = { ...item, status: 'completed', arguments: args };
      this.emit(ServerEventType.responseOutputItemDone, { response_id: response.id, output_index: index, item: done });
      output.push(done);
    });
    if (reply.text) {
      const itemId = newId('item');
      const item = { id: itemId, object: 'realtime.item', type: 'message', role: 'assistant', status: 'in_progress', content: [] };
      const announce = () => {
        this.emit(ServerEventType.responseOutputItemAdded, { response_id: response.id, output_index: output.length, item });
        this.emit(ServerEventType.conversationItemAdded, { previous_item_id: this.lastItemId, item });
      };
      if (!this.is('out_of_order')) announce();
      this.lastItemId = itemId;
      this.speak(reply.text);
      const words = reply.text.split(' ');
      words.forEach((word, index) => {
        this.emit(ServerEventType.responseOutputAudioTranscriptDelta, {
          response_id: response.id,
          item_id: itemId,
          output_index: output.length,
          content_index: 0,
          delta: index === 0 ? word : ` ${word}`,
        });
      });
      if (this.is('out_of_order')) announce();
      this.emit(ServerEventType.responseOutputAudioTranscriptDone, {
        response_id: response.id,
        item_id: itemId,
        output_index: output.length,
        content_index: 0,
        transcript: reply.text,
      });
      const done = { ...item, status: 'completed', content: [{ type: 'output_audio', transcript: reply.text }] };
      this.emit(ServerEventType.responseOutputItemDone, { response_id: response.id, output_index: output.length, item: done });
      output.push(done);
    }
    this.finishResponse(response, 'completed', output);
  }

  private finishResponse(response: ActiveResponse, status: string, output: Record<string, unknown>[]): void {
    if (this.activeResponse !== response) return;
    this.activeResponse = null;
    this.emit(ServerEventType.responseDone, {
      response: { id: response.id, object: 'realtime.response', status, output },
    });
  }

  /** The reply is heard as well as shown; speech runs on after response.done, as on the real service. */
  private speak(text: string): void {
    const speaker = this.options.speaker;
    if (!speaker) return;
    void speaker
      .speak(text, () => {
        this.speaking = true;
        this.emit(ServerEventType.outputAudioBufferStarted, {});
      })
      .then((completed) => {
        if (completed && this.speaking) {
          this.speaking = false;
          this.emit(ServerEventType.outputAudioBufferStopped, {});
        }
      })
      .catch((error: unknown) => this.log.warn({ error: String(error) }, 'speech failed; the reply is text only'));
  }

  private stopSpeaking(): void {
    this.options.speaker?.stop();
    if (this.speaking) {
      this.speaking = false;
      this.emit(ServerEventType.outputAudioBufferCleared, {});
    }
  }

  private sendError(type: string, code: string, message: string): void {
    this.emit(ServerEventType.error, { error: { type, code, message, param: null, event_id: null } });
  }

  private emit(type: string, fields: Record<string, unknown>): void {
    if (this.closed) return;
    const message = JSON.stringify({ type, event_id: newId('event'), ...fields });
    if (this.is('malformed_events')) {
      this.malformedCount += 1;
      this.options.output.send(
        this.malformedCount % 2 ? `{"type": "${type}", "truncated` : JSON.stringify({ type: 'local.unknown_event', n: this.malformedCount }),
      );
    }
    this.options.output.send(message);
    if (this.is('duplicate_events')) this.options.output.send(message);
  }
}
