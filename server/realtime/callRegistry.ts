/**
 * Every realtime call the server holds, from before its first byte of negotiation to
 * its close. The registry is the one owner: a call is registered before negotiation
 * starts and removed by its own close(), whichever path closes it.
 *
 * Incident this prevents: an offer with non-loopback candidates got 201, the peer
 * failed during negotiation, the call's close ran before the HTTP handler registered
 * it, and the closed call stayed in the calls map forever (with its peer, session,
 * voice output and encoder, ~100 KB each, ~5 a second from one token).
 */

import type { LocalAudioStats } from '../../src/protocol/realtimeEvents.ts';
import type { TimelineEntry } from './eventTimeline.ts';
import { callCloseReasonOf, callCloses, callDuration, callsOpen } from '../metrics/serverMetrics.ts';
import { RealtimeCall, type RealtimeCallOptions } from './realtimeCall.ts';

/** What the debug report shows of a call, kept after it closes. */
export interface CallRecord {
  /** The call's id (`rtc_…`), as the answer's `Location` names it. */
  id: string;
  /** The id `session.created` names (`sess_…`). */
  sessionId: string;
  scenario: string | null;
  open: boolean;
  closeReason: string | null;
  packetsReceived: number;
  voiceFramesSent: number;
  turns: LocalAudioStats[];
  /** The session's latest events in and out, with the server's own timestamps. */
  timeline: TimelineEntry[];
  /** Barge-ins: where the client cut each reply (`audio_end_ms`), and the reply's whole length. */
  truncations: { itemId: string; audioEndMs: number; audioMs: number }[];
}

/** Only the latest calls are remembered: a kiosk runs for days. */
const MAX_RECORDS = 100;

/** The call closed while it was being negotiated: nothing to answer with. */
export class CallClosedError extends Error {
  constructor(reason: string) {
    super(`The call closed during negotiation (${reason}).`);
    this.name = 'CallClosedError';
  }
}

export class CallRegistry {
  private readonly live = new Map<string, RealtimeCall>();
  private readonly records = new Map<string, CallRecord>();

  /** Calls not yet closed. */
  get size(): number {
    return this.live.size;
  }

  /** Registers a call for the offer, then negotiates it; the call is closed and forgotten if that fails. */
  async answer(options: Omit<RealtimeCallOptions, 'onClosed'>): Promise<{ call: RealtimeCall; answerSdp: string }> {
    let closeReason: string | null = null;
    const openedAt = performance.now();
    const call = RealtimeCall.create({
      ...options,
      onClosed: (closed, reason) => {
        closeReason = reason;
        callsOpen.dec();
        callDuration.observe((performance.now() - openedAt) / 1000);
        callCloses.inc({ reason: callCloseReasonOf(reason) });
        this.forget(closed, reason);
      },
    });
    callsOpen.inc();
    this.live.set(call.id, call);
    this.remember(call, options.scenario?.name ?? null);
    let answerSdp: string;
    try {
      answerSdp = await call.negotiate();
    } catch (error) {
      call.close('negotiation failed');
      throw error;
    }
    if (call.isClosed) throw new CallClosedError(closeReason ?? 'closed');
    return { call, answerSdp };
  }

  /** The latest calls, oldest first, with live figures for open ones. */
  report(): CallRecord[] {
    for (const call of this.live.values()) {
      const record = this.records.get(call.id);
      if (record) this.copyFigures(call, record);
    }
    return [...this.records.values()];
  }

  closeAll(reason: string): void {
    for (const call of [...this.live.values()]) call.close(reason);
  }

  private remember(call: RealtimeCall, scenario: string | null): void {
    this.records.set(call.id, {
      id: call.id,
      sessionId: call.session.id,
      scenario,
      open: true,
      closeReason: null,
      packetsReceived: 0,
      voiceFramesSent: 0,
      turns: [],
      timeline: [],
      truncations: [],
    });
    if (this.records.size > MAX_RECORDS) {
      const oldest = this.records.keys().next().value;
      if (oldest !== undefined) this.records.delete(oldest);
    }
  }

  private forget(call: RealtimeCall, reason: string): void {
    this.live.delete(call.id);
    const record = this.records.get(call.id);
    if (!record) return;
    record.open = false;
    record.closeReason = reason;
    this.copyFigures(call, record);
  }

  private copyFigures(call: RealtimeCall, record: CallRecord): void {
    record.packetsReceived = call.packetsReceived;
    record.voiceFramesSent = call.voiceFramesSent;
    record.turns = [...call.session.turns];
    record.timeline = call.session.timeline.list();
    record.truncations = [...call.session.truncations];
  }
}
