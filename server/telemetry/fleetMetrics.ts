/**
 * Kiosk telemetry folded into Prometheus series labelled by kiosk id and outcome. The
 * kiosk label has a budget: past `maxKiosks` distinct ids, further ones are counted under
 * `_other`, so a misconfigured fleet (or a client inventing ids) cannot grow the series
 * without bound.
 */

import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { ServerLogger } from '../log.ts';
import { LATENCY_STAGES, TURN_OUTCOMES, type TelemetryBatch } from '../../src/protocol/telemetry.ts';
import { DEFAULT_STORM_RULE, ReconnectStormDetector, type StormRule } from './reconnectStorms.ts';
import { latencyEntries } from './telemetryBatch.ts';

export const OVERFLOW_KIOSK = '_other';

export class FleetMetrics {
  private readonly kiosks = new Set<string>();
  private overflowSeen = false;
  private readonly storms: ReconnectStormDetector;
  readonly turns: Counter<'kiosk' | 'outcome'>;
  readonly turnLatency: Histogram<'kiosk' | 'stage'>;
  readonly connectionEvents: Counter<'kiosk' | 'event' | 'reason'>;
  readonly connectSeconds: Histogram<'kiosk'>;
  readonly reconnects: Counter<'kiosk'>;
  readonly reconnectStorms: Counter<'kiosk'>;
  readonly lastSeen: Gauge<'kiosk'>;
  readonly droppedEvents: Counter<'kiosk'>;
  readonly batches: Counter<'result'>;

  constructor(
    registry: Registry,
    private readonly maxKiosks: number,
    private readonly log: ServerLogger,
    private readonly stormRule: StormRule = DEFAULT_STORM_RULE,
  ) {
    const registers = [registry];
    this.storms = new ReconnectStormDetector(stormRule);
    this.turns = new Counter({
      name: 'kiosk_turns_total',
      help: 'Push-to-talk turns reported by kiosks, by kiosk and outcome.',
      labelNames: ['kiosk', 'outcome'],
      registers,
    });
    this.turnLatency = new Histogram({
      name: 'kiosk_turn_latency_seconds',
      help: 'Turn latency reported by kiosks, by stage: release_to_committed, committed_to_transcript, transcript_to_first_audio.',
      labelNames: ['kiosk', 'stage'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15],
      registers,
    });
    this.connectionEvents = new Counter({
      name: 'kiosk_connection_events_total',
      help: 'Connection events reported by kiosks (connected, connect_failed, closed), by reason.',
      labelNames: ['kiosk', 'event', 'reason'],
      registers,
    });
    this.connectSeconds = new Histogram({
      name: 'kiosk_connect_seconds',
      help: 'Time from starting to connect to ready, reported by kiosks.',
      labelNames: ['kiosk'],
      buckets: [0.25, 0.5, 1, 2, 4, 8, 15, 30],
      registers,
    });
    this.reconnects = new Counter({
      name: 'kiosk_reconnects_total',
      help: 'Connection attempts after a kiosk page\'s first (connected or failed).',
      labelNames: ['kiosk'],
      registers,
    });
    this.reconnectStorms = new Counter({
      name: 'kiosk_reconnect_storms_total',
      help: 'Reconnect storms: 5 or more reconnects from one kiosk within 10 s, each storm counted once.',
      labelNames: ['kiosk'],
      registers,
    });
    this.lastSeen = new Gauge({
      name: 'kiosk_telemetry_last_seen_timestamp_seconds',
      help: 'When the server last accepted telemetry from the kiosk (Unix time, server clock).',
      labelNames: ['kiosk'],
      registers,
    });
    this.droppedEvents = new Counter({
      name: 'kiosk_telemetry_dropped_events_total',
      help: 'Telemetry events kiosks threw away while the server was away (their queue was full), as they report it.',
      labelNames: ['kiosk'],
      registers,
    });
    this.batches = new Counter({
      name: 'kiosk_telemetry_batches_total',
      help: 'Telemetry batches received, by result: accepted, invalid, too_large, rate_limited, forbidden.',
      labelNames: ['result'],
      registers,
    });
  }

  /** The label a kiosk id is counted under: itself while the budget lasts, `_other` after. */
  labelOf(kiosk: string): string {
    if (this.kiosks.has(kiosk)) return kiosk;
    const label = this.kiosks.size >= this.maxKiosks ? OVERFLOW_KIOSK : kiosk;
    if (label === OVERFLOW_KIOSK && this.overflowSeen) return label;
    if (label === OVERFLOW_KIOSK) this.overflowSeen = true;
    else this.kiosks.add(kiosk);
    this.startSeries(label);
    return label;
  }

  /**
   * A kiosk's turn series exist at zero from the first time it is heard from (its connect,
   * before any turn): Prometheus's increase() cannot count a series' first sample, so a
   * counter born at 1 would lose that turn in every rate and in the success ratio.
   */
  private startSeries(kiosk: string): void {
    for (const outcome of TURN_OUTCOMES) this.turns.inc({ kiosk, outcome }, 0);
    for (const stage of LATENCY_STAGES) this.turnLatency.zero({ kiosk, stage });
    this.reconnects.inc({ kiosk }, 0);
    this.reconnectStorms.inc({ kiosk }, 0);
    this.connectionEvents.inc({ kiosk, event: 'connected', reason: 'none' }, 0);
    this.connectionEvents.inc({ kiosk, event: 'closed', reason: 'connection_lost' }, 0);
  }

  fold(batch: TelemetryBatch, nowMs: number = Date.now()): void {
    const kiosk = this.labelOf(batch.kiosk);
    this.lastSeen.set({ kiosk }, nowMs / 1000);
    if (batch.dropped > 0) this.droppedEvents.inc({ kiosk }, batch.dropped);
    for (const event of batch.events) {
      if (event.kind === 'turn') {
        this.turns.inc({ kiosk, outcome: event.outcome });
        for (const [stage, ms] of latencyEntries(event)) this.turnLatency.observe({ kiosk, stage }, ms / 1000);
      } else if (event.kind === 'connection') {
        this.connectionEvents.inc({ kiosk, event: event.event, reason: event.reason });
        if (event.event === 'connected' && event.connectMs !== undefined) this.connectSeconds.observe({ kiosk }, event.connectMs / 1000);
        if (event.reconnect && event.event !== 'closed') this.countReconnect(batch.kiosk, kiosk, event.at);
      }
    }
  }

  private countReconnect(kioskId: string, kiosk: string, at: number): void {
    this.reconnects.inc({ kiosk });
    if (!this.storms.record(kioskId, at)) return;
    this.reconnectStorms.inc({ kiosk });
    const { reconnects, windowMs } = this.stormRule;
    this.log.warn({ kiosk: kioskId, reconnects, withinSeconds: windowMs / 1000 }, 'reconnect storm');
  }
}
