/**
 * The telemetry beacon a kiosk posts to `POST /api/telemetry`: what the page sends and
 * what the server validates. Every field that becomes a metric label is a closed list
 * here, so no kiosk can grow the server's series count by sending new words.
 */

export const TELEMETRY_PATH = '/api/telemetry';

/** How a turn ended, as the fleet's dashboards count it. */
export const TURN_OUTCOMES = [
  'completed',
  'no_transcript',
  'no_response',
  'too_short',
  'transcript_failed',
  'connection_lost',
  'cancelled',
] as const;
export type TurnOutcome = (typeof TURN_OUTCOMES)[number];

/** The spans of a turn after the button is let go, in milliseconds. */
export const LATENCY_STAGES = ['release_to_committed', 'committed_to_transcript', 'transcript_to_first_audio'] as const;
export type LatencyStage = (typeof LATENCY_STAGES)[number];

export const CONNECTION_EVENTS = ['connected', 'connect_failed', 'closed'] as const;
export type ConnectionEventKind = (typeof CONNECTION_EVENTS)[number];

/** Why a connection ended or failed: the machine's disconnect reasons, plus a renewal between turns. */
export const CONNECTION_REASONS = [
  'none',
  'renewal',
  'not_started',
  'user',
  'token_timeout',
  'token_failed',
  'token_refused',
  'connect_timeout',
  'connect_failed',
  'microphone_denied',
  'microphone_missing',
  'connection_lost',
  'session_expired',
  'network_offline',
  'forced_reset',
] as const;
export type ConnectionReason = (typeof CONNECTION_REASONS)[number];

export interface TurnBeacon {
  kind: 'turn';
  /** Milliseconds since the epoch, by the kiosk's clock. */
  at: number;
  outcome: TurnOutcome;
  latencyMs: Partial<Record<LatencyStage, number>>;
}

export interface ConnectionBeacon {
  kind: 'connection';
  at: number;
  event: ConnectionEventKind;
  reason: ConnectionReason;
  /** Which retry this is since the last healthy session (0: not a retry), as the machine counts them. */
  attempt: number;
  /** Not the page's first connection: counted toward the reconnect-storm rule. */
  reconnect: boolean;
  /** From starting to connect to ready; on `connected` only. */
  connectMs?: number;
}

/** Sent now and then while nothing else is, so a silent kiosk is a dead one. */
export interface HeartbeatBeacon {
  kind: 'heartbeat';
  at: number;
}

export type TelemetryEvent = TurnBeacon | ConnectionBeacon | HeartbeatBeacon;

export interface TelemetryBatch {
  kiosk: string;
  /** Events the kiosk threw away since its last accepted batch (queue full while the server was away). */
  dropped: number;
  events: TelemetryEvent[];
}

export const TELEMETRY_LIMITS = {
  /** Events in one batch. */
  maxEvents: 50,
  /** Bytes in one request body; a full batch of turn events is about 7 KB. */
  maxBodyBytes: 16 * 1024,
} as const;

/** What a kiosk id may look like: short, and safe as a metric label and a log field. */
export const KIOSK_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
