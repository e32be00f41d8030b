import { Registry } from 'prom-client';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { TELEMETRY_LIMITS, type TelemetryBatch } from '../../src/protocol/telemetry.ts';
import { FleetMetrics, OVERFLOW_KIOSK } from '../../server/telemetry/fleetMetrics.ts';
import { ReconnectStormDetector } from '../../server/telemetry/reconnectStorms.ts';
import { checkTelemetryBatch } from '../../server/telemetry/telemetryBatch.ts';
import { createRng } from '../model/rng.ts';

const goodBatch = (): TelemetryBatch => ({
  kiosk: 'lane-1',
  dropped: 0,
  events: [
    { kind: 'turn', at: 1_700_000_000_000, outcome: 'completed', latencyMs: { release_to_committed: 120, committed_to_transcript: 300 } },
    { kind: 'connection', at: 1_700_000_000_500, event: 'closed', reason: 'connection_lost', attempt: 0, reconnect: false },
    { kind: 'heartbeat', at: 1_700_000_001_000 },
  ],
});

/** The metric's series with a value other than zero (every kiosk's series start at zero). */
async function seriesOf(registry: Registry, name: string, withZeros = false): Promise<Record<string, number>> {
  const metric = (await registry.getMetricsAsJSON()).find((entry) => entry.name === name);
  const series: Record<string, number> = {};
  for (const value of (metric?.values ?? []) as { labels: Record<string, string | number>; value: number; metricName?: string }[]) {
    if (value.metricName && value.metricName !== name && !value.metricName.endsWith('_count')) continue;
    if (value.value === 0 && !withZeros) continue;
    const key = Object.entries(value.labels).filter(([label]) => label !== 'le').map(([label, v]) => `${label}=${v}`).join(',');
    series[key] = value.value;
  }
  return series;
}

function fleet(maxKiosks = 100) {
  const registry = new Registry();
  const lines: string[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
  return { registry, lines, metrics: new FleetMetrics(registry, maxKiosks, log) };
}

describe('telemetry batch checks', () => {
  it('accepts a well-formed batch', () => {
    expect(checkTelemetryBatch(JSON.stringify(goodBatch()))).toEqual({ ok: true, batch: goodBatch() });
  });

  it.each([
    ['not JSON', '{', 'not valid JSON'],
    ['a kiosk id that is not a label', JSON.stringify({ ...goodBatch(), kiosk: 'lane 1"}' }), 'kiosk must be'],
    ['an outcome outside the list', JSON.stringify({ ...goodBatch(), events: [{ kind: 'turn', at: 1, outcome: 'great', latencyMs: {} }] }), 'events[0] has outcome "great"'],
    ['a latency stage outside the list', JSON.stringify({ ...goodBatch(), events: [{ kind: 'turn', at: 1, outcome: 'completed', latencyMs: { think: 1 } }] }), 'latency stage "think"'],
    ['a negative latency', JSON.stringify({ ...goodBatch(), events: [{ kind: 'turn', at: 1, outcome: 'completed', latencyMs: { release_to_committed: -5 } }] }), 'out of range'],
    ['a reason outside the list', JSON.stringify({ ...goodBatch(), events: [{ kind: 'connection', at: 1, event: 'closed', reason: 'x'.repeat(40), attempt: 0, reconnect: false }] }), 'has reason'],
    ['too many events', JSON.stringify({ ...goodBatch(), events: Array.from({ length: TELEMETRY_LIMITS.maxEvents + 1 }, () => ({ kind: 'heartbeat', at: 1 })) }), 'at most'],
    ['an unknown kind', JSON.stringify({ ...goodBatch(), events: [{ kind: '__proto__', at: 1 }] }), 'has kind "__proto__"'],
  ])('refuses %s, naming the problem', (_name, body, problem) => {
    const check = checkTelemetryBatch(body);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problem).toContain(problem);
  });

  it('never throws on 5,000 seeded mutations of a good batch, and accepts only batches that fold cleanly', () => {
    const rng = createRng(Number(process.env.FUZZ_SEED ?? 12));
    const values: unknown[] = [null, -1, 1e308, 'completed', '', [], {}, true, 'x'.repeat(100), Number.NaN, 2 ** 60];
    const { metrics } = fleet(10);
    for (let i = 0; i < 5_000; i += 1) {
      const batch = JSON.parse(JSON.stringify(goodBatch())) as Record<string, unknown> & { events: Record<string, unknown>[] };
      const target: Record<string, unknown> = rng() < 0.3 ? batch : batch.events[Math.floor(rng() * 3)]!;
      const keys = Object.keys(target);
      const key = rng() < 0.8 ? keys[Math.floor(rng() * keys.length)]! : `extra${i}`;
      target[key] = values[Math.floor(rng() * values.length)];
      const check = checkTelemetryBatch(JSON.stringify(batch));
      if (check.ok) expect(() => metrics.fold(check.batch)).not.toThrow();
    }
  });
});

describe('folding telemetry into the fleet metrics', () => {
  it('counts turns by kiosk and outcome, latencies by stage, connection events by reason', async () => {
    const { registry, metrics } = fleet();
    metrics.fold(goodBatch());
    metrics.fold(goodBatch());
    expect(await seriesOf(registry, 'kiosk_turns_total')).toEqual({ 'kiosk=lane-1,outcome=completed': 2 });
    expect(await seriesOf(registry, 'kiosk_turn_latency_seconds')).toMatchObject({
      'kiosk=lane-1,stage=release_to_committed': 2,
      'kiosk=lane-1,stage=committed_to_transcript': 2,
    });
    expect(await seriesOf(registry, 'kiosk_connection_events_total')).toEqual({ 'kiosk=lane-1,event=closed,reason=connection_lost': 2 });
  });

  it('starts a kiosk\'s turn series at zero when it is first heard from, so the first turn counts in increase()', async () => {
    const { registry, metrics } = fleet();
    metrics.fold({ kiosk: 'lane-2', dropped: 0, events: [{ kind: 'connection', at: 1, event: 'connected', reason: 'none', attempt: 0, reconnect: false, connectMs: 400 }] });
    const turns = await seriesOf(registry, 'kiosk_turns_total', true);
    expect(Object.keys(turns)).toHaveLength(7);
    expect(Object.values(turns).every((value) => value === 0)).toBe(true);
    expect(await seriesOf(registry, 'kiosk_turn_latency_seconds', true)).toMatchObject({ 'kiosk=lane-2,stage=release_to_committed': 0 });
  });

  it('gives kiosks past the label budget one shared label, so ids cannot grow the series', async () => {
    const { registry, metrics } = fleet(3);
    for (let i = 0; i < 50; i += 1) metrics.fold({ ...goodBatch(), kiosk: `k-${i}` });
    const kiosks = new Set(Object.keys(await seriesOf(registry, 'kiosk_turns_total')).map((key) => key.split(',')[0]));
    expect(kiosks).toEqual(new Set(['kiosk=k-0', 'kiosk=k-1', 'kiosk=k-2', `kiosk=${OVERFLOW_KIOSK}`]));
    expect((await seriesOf(registry, 'kiosk_turns_total'))[`kiosk=${OVERFLOW_KIOSK},outcome=completed`]).toBe(47);
  });

  it('counts 5 reconnects within 10 s from one kiosk as one storm, logs it, and not 4, nor 5 spread over 12 s', async () => {
    const { registry, metrics, lines } = fleet();
    const reconnect = (kiosk: string, at: number) =>
      metrics.fold({ kiosk, dropped: 0, events: [{ kind: 'connection', at, event: 'connected', reason: 'none', attempt: 1, reconnect: true }] });
    for (let i = 0; i < 4; i += 1) reconnect('calm', i * 2_000);
    for (let i = 0; i < 5; i += 1) reconnect('slow', i * 3_000);
    for (let i = 0; i < 5; i += 1) reconnect('stormy', 1_000 + i * 1_500);
    expect(await seriesOf(registry, 'kiosk_reconnect_storms_total')).toEqual({ 'kiosk=stormy': 1 });
    expect(await seriesOf(registry, 'kiosk_reconnects_total')).toEqual({ 'kiosk=calm': 4, 'kiosk=slow': 5, 'kiosk=stormy': 5 });
    expect(lines.map((line) => JSON.parse(line) as { msg: string; kiosk: string })).toEqual([
      expect.objectContaining({ msg: 'reconnect storm', kiosk: 'stormy' }),
    ]);
  });

  it('counts one long storm once per five reconnects, not once per reconnect', () => {
    const detector = new ReconnectStormDetector({ reconnects: 5, windowMs: 10_000, maxKiosks: 10 });
    const storms = Array.from({ length: 12 }, (_, i) => detector.record('k', i * 500)).filter(Boolean).length;
    expect(storms).toBe(2);
  });
});
