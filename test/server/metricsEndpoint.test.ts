import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, LOOPBACK, runUntilExit, startKioskProcess, type KioskProcess } from './kioskProcess.ts';

const TOKEN = 'metrics-token-for-tests-0123';

function batch(kiosk: string, events: unknown[] = [{ kind: 'turn', at: Date.now(), outcome: 'no_transcript', latencyMs: { release_to_committed: 90 } }]) {
  return JSON.stringify({ kiosk, dropped: 3, events });
}

describe('the metrics endpoints of a real kiosk server', () => {
  let server: KioskProcess;
  let internalPort: number;

  beforeAll(async () => {
    internalPort = await freePort();
    server = await startKioskProcess({
      METRICS_TOKEN: TOKEN,
      METRICS_ADDRESS: `${LOOPBACK}:${internalPort}`,
      TELEMETRY_RATE_BURST: '3',
      TELEMETRY_RATE_PER_MINUTE: '1',
    });
  });
  afterAll(async () => server?.stop());

  const scrape = (headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}` }) => fetch(`${server.origin}/metrics`, { headers });
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.origin}/api/telemetry`, { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } });

  it('refuses /metrics on the kiosk port without the bearer token, or with a wrong one', async () => {
    const none = await scrape({});
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect((await scrape({ Authorization: 'Bearer wrong-token-0000000000' })).status).toBe(401);
  });

  it('serves Prometheus text with the token, including the process figures and speech children', async () => {
    const response = await scrape();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await response.text();
    for (const name of ['process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_active_handles_total', 'nodejs_eventloop_lag_seconds', 'kiosk_child_processes', 'kiosk_calls_open']) {
      expect(text).toMatch(new RegExp(`^${name} `, 'm'));
    }
  });

  it('serves /metrics without a token on the internal address, and nothing else there', async () => {
    const internal = `http://${LOOPBACK}:${internalPort}`;
    const response = await fetch(`${internal}/metrics`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('kiosk_tokens_minted_total');
    expect((await fetch(`${internal}/api/health`)).status).toBe(404);
  });

  it('counts a token minted and a token refused for its origin', async () => {
    expect((await fetch(`${server.origin}/api/session`, { method: 'POST' })).status).toBe(200);
    expect((await fetch(`${server.origin}/api/session`, { method: 'POST', headers: { Origin: 'http://evil.example' } })).status).toBe(403);
    const text = await (await scrape()).text();
    expect(text).toContain('kiosk_tokens_minted_total{mode="local"} 1');
    expect(text).toContain('kiosk_tokens_refused_total{reason="origin"} 1');
  });

  it('folds an accepted telemetry batch into series by kiosk and outcome, with the drops the kiosk reported', async () => {
    const response = await post(batch('lane-7'));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 1 });
    const text = await (await scrape()).text();
    expect(text).toContain('kiosk_turns_total{kiosk="lane-7",outcome="no_transcript"} 1');
    expect(text).toContain('kiosk_turn_latency_seconds_count{kiosk="lane-7",stage="release_to_committed"} 1');
    expect(text).toContain('kiosk_telemetry_dropped_events_total{kiosk="lane-7"} 3');
    expect(text).toMatch(/^kiosk_telemetry_last_seen_timestamp_seconds\{kiosk="lane-7"\} \d+/m);
  });

  it('refuses a malformed batch (400, named), an oversized one (413), a foreign origin (403), and too many from one kiosk (429)', async () => {
    const bad = await post(batch('lane-8', [{ kind: 'turn', at: 1, outcome: 'splendid', latencyMs: {} }]));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('splendid');
    expect((await post('x'.repeat(20_000))).status).toBe(413);
    expect((await post(batch('lane-8'), { Origin: 'http://evil.example' })).status).toBe(403);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await post(batch('lane-9'))).status);
    expect(statuses).toEqual([202, 202, 202, 429, 429]);
    // Another kiosk has its own allowance.
    expect((await post(batch('lane-10'))).status).toBe(202);
    const text = await (await scrape()).text();
    for (const result of ['invalid', 'too_large', 'forbidden', 'rate_limited']) {
      expect(text).toMatch(new RegExp(`^kiosk_telemetry_batches_total\\{result="${result}"\\} [1-9]`, 'm'));
    }
    expect(text).toContain('kiosk_turns_total{kiosk="lane-9",outcome="no_transcript"} 3');
  });
});

describe('metrics settings', () => {
  it('answers /metrics with 404 when no token is set, rather than serving the page', async () => {
    const server = await startKioskProcess({});
    try {
      const response = await fetch(`${server.origin}/metrics`);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('METRICS_TOKEN');
    } finally {
      await server.stop();
    }
  });

  it.each([
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN must be at least 16 characters'],
    [{ METRICS_ADDRESS: 'nowhere' }, 'METRICS_ADDRESS="nowhere" must be HOST:PORT'],
    [{ TELEMETRY_MAX_KIOSKS: '0' }, 'TELEMETRY_MAX_KIOSKS="0" must be a whole number'],
  ])('stops the server with exit code 2 for %j', async (env, message) => {
    const { code, output } = await runUntilExit(env);
    expect(code).toBe(2);
    expect(output).toContain(message);
  });
});
