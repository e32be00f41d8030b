/** Types of the voice turn machine: its configuration, context, and the events it accepts. */

import type { SessionConfig } from '../src/protocol/realtimeEvents.ts';
import type { Cart } from './cart.ts';

/** Every wait the machine can give up on, in milliseconds. */
export interface Timeouts {
  /** POST /api/session until a token arrives. */
  token: number;
  /** Token in hand until the data channel is open. */
  connect: number;
  /** `session.update` sent until `session.updated`; past it the machine goes on without. */
  sessionUpdate: number;
  /** `input_audio_buffer.commit` sent until `input_audio_buffer.committed`. */
  commit: number;
  /** Commit acknowledged until the user's transcript is final. */
  transcript: number;
  /** Waiting for the assistant's response to finish. */
  response: number;
  /** Microphone kept live after release so the last word is not cut. */
  postRoll: number;
  /** A press shorter than this is not committed (the service rejects under 100 ms). */
  minRecording: number;
  /** A held button (or a stuck pointer) stops recording after this long. */
  maxRecording: number;
  /** Between turns, how long the link may be quiet before the kiosk checks it is alive… */
  livenessInterval: number;
  /** …and how long the check may take: past it the link is dead and the kiosk reconnects. */
  livenessTimeout: number;
  /**
   * A session older than this is renewed at the next pause between turns, before the
   * service ends it (the real one ends sessions at 60 minutes).
   */
  sessionRenewal: number;
  /** A due renewal waits this long after a turn, for the reply's audio to start… */
  replyGrace: number;
  /** …and then for it to stop, but no longer than this. */
  renewalSpeechCap: number;
  /** First pause before reconnecting by itself; it doubles with every failed attempt… */
  reconnect: number;
  /** …up to this. A refused token waits this long at once, rather than hammering the service. */
  reconnectCap: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = {
  token: 5_000,
  connect: 10_000,
  sessionUpdate: 3_000,
  commit: 3_000,
  transcript: 10_000,
  response: 15_000,
  postRoll: 300,
  minRecording: 120,
  maxRecording: 30_000,
  livenessInterval: 1_500,
  livenessTimeout: 1_500,
  sessionRenewal: 55 * 60_000,
  replyGrace: 1_500,
  renewalSpeechCap: 30_000,
  reconnect: 1_000,
  reconnectCap: 30_000,
};

/** Why the connection is down; the UI turns each into words and a way on. */
export type DisconnectReason =
  | 'not_started'
  | 'user'
  | 'token_timeout'
  | 'token_failed'
  | 'token_refused'
  | 'connect_timeout'
  | 'connect_failed'
  | 'microphone_denied'
  | 'microphone_missing'
  | 'connection_lost'
  | 'session_expired'
  | 'network_offline'
  | 'forced_reset';

/** Why the last turn ended without a normal answer. */
export type TurnNoticeCode =
  | 'too_short'
  | 'no_transcript'
  | 'transcript_failed'
  | 'no_response'
  | 'response_failed'
  | 'response_cancelled'
  | 'turn_lost'
  | 'session_update_timeout';

export interface Notice<Code extends string = string> {
  code: Code;
  message: string;
}

export interface TranscriptEntry {
  itemId: string;
  role: 'user' | 'assistant';
  text: string;
  final: boolean;
}

export interface ConnectionCredentials {
  token: string;
  callsUrl: string;
  expiresAt: number | null;
}

export interface ToolCallRecord {
  callId: string;
  name: string;
  arguments: string;
}

export interface ToolCallResult {
  callId: string;
  output: string;
}

/**
 * The turn in progress and the ids that belong to it. Set when the customer presses,
 * cleared when the turn ends: an event naming another commit, item or response is
 * history and never moves the turn.
 */
export interface TurnIdentity {
  /** Increases with every turn the customer starts. */
  id: number;
  /** Which commit of this connection carries the turn's audio (1, 2, …), once sent. */
  commitSeq: number | null;
  /** The user item the turn's commit created. */
  itemId: string | null;
  /** The turn needs a `response.create` it has not been able to send yet. */
  wantsResponse: boolean;
  /** The response answering the turn, once `response.created` named it. */
  responseId: string | null;
  /** Tool outputs to send before the turn's follow-up response. */
  pendingToolResults: ToolCallResult[];
  /** What the turn's tool calls did to the order ("Added 2 × Cheeseburger."), to say if the answer goes missing. */
  changes: string[];
}

export interface VoiceContext {
  timeouts: Timeouts;
  session: SessionConfig;
  scenario: string | null;
  autoReconnect: boolean;
  /** The kiosk wants to be connected (it was asked to connect and not to disconnect): reconnects never give up. */
  inService: boolean;
  /** The browser's own word on the network (`online` / `offline` events). */
  networkOnline: boolean;
  /** Failed attempts since the last session that became ready: the pause doubles with each. */
  reconnectAttempts: number;
  /** The reconnect this offline spell will make by itself, if any: `id` changes with each one scheduled. */
  reconnectSchedule: { id: number; delayMs: number } | null;
  /** State of the jitter generator: data, so a run replays exactly. */
  jitterSeed: number;
  /** The session is old enough to be renewed: done at the next pause between turns. */
  renewalDue: boolean;
  credentials: ConnectionCredentials | null;
  /** The realtime session id from `session.created`, for matching client and server logs. */
  sessionId: string | null;
  /** Increases with every connection; events tagged with an older one are stale. */
  generation: number;
  disconnectReason: Notice<DisconnectReason> | null;
  turnNotice: Notice<TurnNoticeCode> | null;
  /** Items in the order they were announced (or first heard of). */
  transcriptOrder: string[];
  transcripts: Record<string, TranscriptEntry>;
  /** Null between turns. */
  turn: TurnIdentity | null;
  turnsStarted: number;
  /** Commits sent on this connection, and commits the server has answered (ack or refusal), in order. */
  commitsSent: number;
  commitsAnswered: number;
  /** `response.create`s sent on this connection; each is tagged with its number. */
  responsesRequested: number;
  /** A `response.create` is on its way and its `response.created` has not arrived: for which turn, with which tag. */
  responseRequest: { turnId: number; tag: string } | null;
  /** Requests given up on (their turn timed out): their responses are cancelled on arrival. */
  abandonedRequests: number;
  /** The response the server is running, if any: no second `response.create` while it runs. */
  activeResponseId: string | null;
  /** The server refused a response.create as busy: wait for a response to finish first. */
  serverBusy: boolean;
  /**
   * Responses and items that no longer belong to the conversation (cancelled by a
   * barge-in, or from before "start over"): their text and tool calls are dropped.
   */
  retiredIds: string[];
  /** Commits up to this one were sent before "start over": their items are retired. */
  retiredCommitSeq: number;
  assistantSpeaking: boolean;
  /** The assistant message whose audio is playing, when known: a barge-in truncates it. */
  speakingItemId: string | null;
  /** The latest assistant message and the response it belongs to. */
  latestAssistantItem: { responseId: string; itemId: string } | null;
  /** The button went down while connecting and has not come up: record once ready. */
  pressPending: boolean;
  /** The order, built by the assistant's tool calls; survives reconnects. */
  cart: Cart;
  /** call_ids already run (the most recent ones), so a repeated `done` never runs a tool twice. */
  handledCallIds: string[];
  turnsCompleted: number;
}

export interface VoiceMachineInput {
  timeouts?: Partial<Timeouts>;
  session: SessionConfig;
  scenario?: string | null;
  autoReconnect?: boolean;
  /** Seeds the reconnect jitter; kiosks given different seeds spread their retries. */
  jitterSeed?: number;
}

/** Events the UI and the console send. */
export type UserEvent =
  | { type: 'connect' }
  | { type: 'disconnect' }
  | { type: 'press' }
  | { type: 'release' }
  | { type: 'force_reset' }
  | { type: 'new_conversation' }
  | { type: 'network.online' }
  | { type: 'network.offline' }
  | { type: 'set_scenario'; scenario: string | null };

/** Events the connection actor sends back about the transport itself. */
export type ConnectionEvent =
  | { type: 'connection.channel_open'; generation: number }
  | { type: 'connection.lost'; generation: number; message: string }
  | { type: 'connection.failed'; generation: number; reason: DisconnectReason; message: string };

/** Server events after parsing: typed, validated, deduplicated. */
export type ServerEvent =
  | { type: 'server.session_created'; sessionId: string | null }
  | { type: 'server.session_updated' }
  /** `input_audio_buffer.cleared`: the answer to a clear, which is also the liveness check's. */
  | { type: 'server.input_cleared' }
  | { type: 'server.input_committed'; itemId: string }
  | { type: 'server.item_added'; itemId: string; role: 'user' | 'assistant' | 'other' }
  | { type: 'server.user_transcript_delta'; itemId: string; delta: string }
  | { type: 'server.user_transcript_completed'; itemId: string; transcript: string }
  | { type: 'server.user_transcript_failed'; itemId: string; message: string }
  /** `tag`: the request tag the service echoed in the response's metadata, when it did. */
  | { type: 'server.response_created'; responseId: string; tag: string | null }
  | { type: 'server.assistant_transcript_delta'; responseId: string; itemId: string; delta: string }
  | { type: 'server.assistant_transcript_done'; responseId: string; itemId: string; transcript: string }
  | { type: 'server.function_call_done'; responseId: string; callId: string; name: string; arguments: string }
  | { type: 'server.speaking_started'; responseId?: string | null }
  | { type: 'server.speaking_stopped' }
  | { type: 'server.response_done'; responseId: string; status: string }
  | { type: 'server.error'; code: string; message: string };

export type VoiceEvent = UserEvent | ConnectionEvent | ServerEvent;

/** Commands the machine sends to the connection actor. */
export type ConnectionCommand =
  | { type: 'send'; event: Record<string, unknown> }
  | { type: 'microphone'; enabled: boolean }
  /** Barge-in: cut the assistant item being played at what the customer heard of it. */
  | { type: 'truncate_reply'; itemId: string };

export interface ConnectionActorInput {
  credentials: ConnectionCredentials;
  generation: number;
}

export interface TokenActorInput {
  scenario: string | null;
}
