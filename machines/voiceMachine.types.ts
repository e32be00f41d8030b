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
  /** Pause before reconnecting after a connection was lost. */
  reconnect: number;
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
  reconnect: 2_000,
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
  | 'forced_reset';

/** Why the last turn ended without a normal answer. */
export type TurnNoticeCode =
  | 'too_short'
  | 'no_transcript'
  | 'transcript_failed'
  | 'no_response'
  | 'response_failed'
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

export interface VoiceContext {
  timeouts: Timeouts;
  session: SessionConfig;
  scenario: string | null;
  autoReconnect: boolean;
  maxReconnectAttempts: number;
  reconnectAttempts: number;
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
  /** The user item of the turn in progress. */
  currentUserItemId: string | null;
  activeResponseId: string | null;
  /** The response this turn is waiting for; older responses finishing do not end the turn. */
  turnResponseId: string | null;
  /** response.create asked for while another response was still active. */
  responseCreateDeferred: boolean;
  assistantSpeaking: boolean;
  /** The order, built by the assistant's tool calls; survives reconnects. */
  cart: Cart;
  /** call_ids already run, so a repeated `done` never runs a tool twice. */
  handledCallIds: string[];
  /** Outputs to send back before asking for the follow-up response. */
  pendingToolResults: ToolCallResult[];
  turnsCompleted: number;
}

export interface VoiceMachineInput {
  timeouts?: Partial<Timeouts>;
  session: SessionConfig;
  scenario?: string | null;
  autoReconnect?: boolean;
  maxReconnectAttempts?: number;
}

/** Events the UI and the console send. */
export type UserEvent =
  | { type: 'connect' }
  | { type: 'disconnect' }
  | { type: 'press' }
  | { type: 'release' }
  | { type: 'force_reset' }
  | { type: 'new_conversation' }
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
  | { type: 'server.input_committed'; itemId: string | null }
  | { type: 'server.item_added'; itemId: string; role: 'user' | 'assistant' | 'other' }
  | { type: 'server.user_transcript_delta'; itemId: string; delta: string }
  | { type: 'server.user_transcript_completed'; itemId: string; transcript: string }
  | { type: 'server.user_transcript_failed'; itemId: string; message: string }
  | { type: 'server.response_created'; responseId: string }
  | { type: 'server.assistant_transcript_delta'; responseId: string; itemId: string; delta: string }
  | { type: 'server.assistant_transcript_done'; responseId: string; itemId: string; transcript: string }
  | { type: 'server.function_call_done'; responseId: string; callId: string; name: string; arguments: string }
  | { type: 'server.speaking_started' }
  | { type: 'server.speaking_stopped' }
  | { type: 'server.response_done'; responseId: string; status: string }
  | { type: 'server.error'; code: string; message: string };

export type VoiceEvent = UserEvent | ConnectionEvent | ServerEvent;

/** Commands the machine sends to the connection actor. */
export type ConnectionCommand =
  | { type: 'send'; event: Record<string, unknown> }
  | { type: 'microphone'; enabled: boolean };

export interface ConnectionActorInput {
  credentials: ConnectionCredentials;
  generation: number;
}

export interface TokenActorInput {
  scenario: string | null;
}
