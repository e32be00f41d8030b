/**
 * Reads the turn machine's snapshots as the fleet's telemetry: how each turn ended and
 * how each connection came and went. It only compares one snapshot with the last, so it
 * adds no state to the machine and sees exactly what the customer saw.
 */

import { connectionStateOf, type ConnectionState, type VoiceSnapshot } from '../../machines/voiceMachine.selectors.ts';
import type { DisconnectReason, TurnNoticeCode } from '../../machines/voiceMachine.types.ts';
import type {
  ConnectionBeacon,
  ConnectionReason,
  LatencyStage,
  TelemetryEvent,
  TurnBeacon,
  TurnOutcome,
} from '../protocol/telemetry.ts';
import type { TurnTimings } from '../voice/turnMetrics.ts';

// Every disconnect reason the machine knows is one the beacon may carry.
const REASON_IS_REPORTABLE: DisconnectReason extends ConnectionReason ? true : never = true;
void REASON_IS_REPORTABLE;

const OUTCOME_OF_NOTICE: Record<TurnNoticeCode, TurnOutcome | null> = {
  too_short: 'too_short',
  no_transcript: 'no_transcript',
  transcript_failed: 'transcript_failed',
  no_response: 'no_response',
  // The answer never arrived whole: to the customer, no answer.
  response_failed: 'no_response',
  response_cancelled: 'cancelled',
  turn_lost: 'connection_lost',
  session_update_timeout: null,
};

/** The timings of the turn that just ended; `supersededByNewTurn` when a press ended it by starting another. */
export type TimingsOfEndedTurn = (supersededByNewTurn: boolean) => TurnTimings | null;

type Context = VoiceSnapshot['context'];

export class VoiceTelemetryRecorder {
  private previous: { context: Context; connection: ConnectionState } | null = null;
  private connectStartedAt: number | null = null;
  /** Failed attempts before the connection under way (the machine resets its count once ready). */
  private connectAttempt = 0;
  private attemptsStarted = 0;
  /**
   * A completed turn whose reply audio has not started: the local server (and a slow
   * synthesis) ends the response before its first audio, and the turn's last latency is
   * to that audio. Sent when the audio starts, or as it is when anything else happens first.
   */
  private pending: TurnBeacon | null = null;

  constructor(private readonly timingsOf: TimingsOfEndedTurn) {}

  /** The events this snapshot makes, compared with the last one observed. */
  observe(snapshot: VoiceSnapshot, now: number = Date.now()): TelemetryEvent[] {
    const current = { context: snapshot.context, connection: connectionStateOf(snapshot) };
    const previous = this.previous;
    this.previous = current;
    if (!previous) return [];
    const turn = this.turnEnded(previous.context, current.context, current.connection, now);
    const connection = this.connectionChanged(previous.connection, current, now);
    const startedAnother = current.context.turn !== null && current.context.turn.id !== previous.context.turn?.id;
    const events: TelemetryEvent[] = turn || connection.length > 0 || startedAnother ? this.takePending() : [];
    if (turn?.outcome === 'completed' && turn.latencyMs.transcript_to_first_audio === undefined && turn.latencyMs.committed_to_transcript !== undefined) {
      this.pending = turn;
    } else if (turn) events.push(turn);
    events.push(...connection);
    return events;
  }

  /** The reply audio of the latest turn started: a completed turn waiting for it goes now, with that latency. */
  firstAudio(): TelemetryEvent[] {
    if (!this.pending) return [];
    this.pending = { ...this.pending, latencyMs: latencyOf(this.timingsOf(false)) };
    return this.takePending();
  }

  /** The completed turn still waiting for its audio, if any, as it is. */
  takePending(): TelemetryEvent[] {
    const pending = this.pending;
    this.pending = null;
    return pending ? [pending] : [];
  }

  private turnEnded(before: Context, after: Context, connection: ConnectionState, now: number): TurnBeacon | null {
    if (!before.turn || after.turn?.id === before.turn.id) return null;
    const superseded = after.turn !== null;
    let outcome: TurnOutcome;
    if (after.turnsCompleted > before.turnsCompleted) outcome = 'completed';
    else if (superseded) outcome = 'cancelled';
    else if (after.turnNotice && after.turnNotice !== before.turnNotice && OUTCOME_OF_NOTICE[after.turnNotice.code]) {
      outcome = OUTCOME_OF_NOTICE[after.turnNotice.code]!;
    } else outcome = connection === 'ready' ? 'cancelled' : 'connection_lost';
    return { kind: 'turn', at: now, outcome, latencyMs: latencyOf(this.timingsOf(superseded)) };
  }

  private connectionChanged(before: ConnectionState, after: { context: Context; connection: ConnectionState }, now: number): ConnectionBeacon[] {
    const state = after.connection;
    if (state === before) return [];
    const { context } = after;
    const reason: ConnectionReason = context.disconnectReason?.code ?? 'none';
    const base = { kind: 'connection' as const, at: now, attempt: context.reconnectAttempts, reconnect: this.attemptsStarted > 1 };
    const events: ConnectionBeacon[] = [];
    if (before === 'ready') {
      // Straight from ready to a new token is a renewal between turns, not a failure.
      events.push({ ...base, event: 'closed', reason: state === 'offline' ? reason : 'renewal' });
    } else if (state === 'offline' && before !== 'offline') {
      events.push({ ...base, event: 'connect_failed', reason });
    }
    if (state !== 'offline' && (before === 'offline' || before === 'ready')) {
      this.connectStartedAt = now;
      this.connectAttempt = context.reconnectAttempts;
      this.attemptsStarted += 1;
    }
    if (state === 'ready') {
      const connectMs = this.connectStartedAt === null ? undefined : now - this.connectStartedAt;
      events.push({ ...base, attempt: this.connectAttempt, reconnect: this.attemptsStarted > 1, event: 'connected', reason: 'none', connectMs });
      this.connectStartedAt = null;
    }
    return events;
  }
}

function latencyOf(timings: TurnTimings | null): Partial<Record<LatencyStage, number>> {
  if (!timings) return {};
  const spans: [LatencyStage, number | null][] = [
    ['release_to_committed', timings.releaseToCommitted],
    ['committed_to_transcript', timings.committedToTranscript],
    ['transcript_to_first_audio', timings.transcriptToFirstAudio],
  ];
  const latency: Partial<Record<LatencyStage, number>> = {};
  for (const [stage, value] of spans) if (value !== null && value >= 0) latency[stage] = Math.round(value);
  return latency;
}
