import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TELEMETRY_LIMITS, type TelemetryBatch, type TelemetryEvent } from '../../src/protocol/telemetry.ts';
import { TelemetryQueue } from '../../src/telemetry/telemetryQueue.ts';

const heartbeat = (at: number): TelemetryEvent => ({ kind: 'heartbeat', at });

/** A server that answers each POST with the next status in `statuses` (then 202), or throws for 0. */
function fakeServer(statuses: number[] = []) {
  const batches: TelemetryBatch[] = [];
  const fetch = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
    const status = statuses.shift() ?? 202;
    if (status === 0) throw new TypeError('Failed to fetch');
    if (status < 300) batches.push(JSON.parse(String(init?.body)) as TelemetryBatch);
    return new Response(null, { status });
  });
  return { batches, fetch: fetch as unknown as typeof globalThis.fetch, calls: () => fetch.mock.calls.length };
}

describe('the telemetry queue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends events in one batch after the flush delay, never at the moment they are added', async () => {
    const server = fakeServer();
    const queue = new TelemetryQueue({ url: '/api/telemetry', kioskId: 'lane1', flushMs: 1000, fetch: server.fetch });
    queue.add(heartbeat(1));
    queue.add(heartbeat(2));
    expect(server.calls()).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.batches).toEqual([{ kiosk: 'lane1', dropped: 0, events: [heartbeat(1), heartbeat(2)] }]);
    expect(queue.stats()).toMatchObject({ sent: 2, queued: 0, dropped: 0 });
  });

  it('sends a full batch at once, and never more than the batch limit in one request', async () => {
    const server = fakeServer();
    const queue = new TelemetryQueue({ url: '/t', kioskId: 'lane1', flushMs: 60_000, fetch: server.fetch });
    for (let i = 0; i < TELEMETRY_LIMITS.maxEvents + 5; i += 1) queue.add(heartbeat(i + 1));
    await vi.advanceTimersByTimeAsync(0);
    expect(server.batches.map((batch) => batch.events.length)).toEqual([TELEMETRY_LIMITS.maxEvents, 5]);
  });

  it('keeps events while the server is away, retrying with a doubling pause, and sends them once it is back', async () => {
    const server = fakeServer([0, 503, 0]);
    const queue = new TelemetryQueue({ url: '/t', kioskId: 'lane1', flushMs: 100, retryMs: 1000, retryCapMs: 8000, fetch: server.fetch, random: () => 1 });
    queue.add(heartbeat(1));
    await vi.advanceTimersByTimeAsync(100);
    expect(server.calls()).toBe(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(server.calls()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.calls()).toBe(2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(server.calls()).toBe(3);
    expect(queue.stats()).toMatchObject({ failures: 3, queued: 1, sent: 0 });
    await vi.advanceTimersByTimeAsync(4000);
    expect(server.batches).toHaveLength(1);
    expect(queue.stats()).toMatchObject({ failures: 0, queued: 0, sent: 1 });
  });

  it('drops the oldest events past its bound while the server is away, and reports the count in the next batch that gets through', async () => {
    const server = fakeServer([0]);
    const queue = new TelemetryQueue({ url: '/t', kioskId: 'lane1', flushMs: 10, retryMs: 1000, maxQueued: 3, fetch: server.fetch, random: () => 1 });
    for (let i = 1; i <= 5; i += 1) queue.add(heartbeat(i));
    await vi.advanceTimersByTimeAsync(10);
    expect(queue.stats()).toMatchObject({ queued: 3, dropped: 2 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.batches).toEqual([{ kiosk: 'lane1', dropped: 2, events: [heartbeat(3), heartbeat(4), heartbeat(5)] }]);
    queue.add(heartbeat(6));
    await vi.advanceTimersByTimeAsync(10);
    expect(server.batches[1]?.dropped).toBe(0);
  });

  it('throws away a batch the server refuses as malformed instead of retrying it forever', async () => {
    const server = fakeServer([400]);
    const queue = new TelemetryQueue({ url: '/t', kioskId: 'lane1', flushMs: 10, fetch: server.fetch });
    queue.add(heartbeat(1));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.calls()).toBe(1);
    expect(queue.stats()).toMatchObject({ rejected: 1, dropped: 1, queued: 0 });
  });

  it('gives a send that does not answer up after its timeout and retries it', async () => {
    let calls = 0;
    const hanging = ((_url: string, init?: RequestInit) => {
      calls += 1;
      return new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    }) as unknown as typeof fetch;
    const queue = new TelemetryQueue({ url: '/t', kioskId: 'lane1', flushMs: 10, sendTimeoutMs: 500, retryMs: 1000, fetch: hanging, random: () => 1 });
    queue.add(heartbeat(1));
    await vi.advanceTimersByTimeAsync(510);
    expect(queue.stats().failures).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(2);
    queue.dispose();
  });

  it('hands what is left to sendBeacon when disposed, and holds no timer after', async () => {
    const server = fakeServer();
    const beacons: { url: string; body: TelemetryBatch }[] = [];
    const sendBeacon = vi.fn((url: string, body: Blob) => {
      void body.text().then((text) => beacons.push({ url, body: JSON.parse(text) as TelemetryBatch }));
      return true;
    });
    const queue = new TelemetryQueue({ url: '/api/telemetry', kioskId: 'lane1', flushMs: 5000, fetch: server.fetch, sendBeacon });
    queue.add(heartbeat(1));
    queue.dispose();
    await vi.runAllTimersAsync();
    expect(vi.getTimerCount()).toBe(0);
    expect(server.calls()).toBe(0);
    expect(beacons).toEqual([{ url: '/api/telemetry', body: { kiosk: 'lane1', dropped: 0, events: [heartbeat(1)] } }]);
    queue.add(heartbeat(2));
    expect(queue.stats()).toMatchObject({ sent: 1, queued: 0 });
  });
});
