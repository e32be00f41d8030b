/** Deadlines of a local realtime call, against a real server with short settings. */

import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord } from '../server/realtime/callRegistry.ts';
import { startKioskServer, type KioskServerProcess } from './support/kioskServerProcess.ts';
import { closePeer, postOffer, RealtimeTestClient } from './support/realtimeTestClient.ts';

const CONNECT_TIMEOUT_MS = 1_000;
const SESSION_MAX_SECONDS = 2;

async function callRecord(server: KioskServerProcess, id: string): Promise<CallRecord | undefined> {
  const body = (await (await fetch(`${server.url}/api/debug/calls`)).json()) as { calls: CallRecord[] };
  return body.calls.find((call) => call.sessionId === id);
}

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a local realtime call', () => {
  let server: KioskServerProcess;

  beforeAll(async () => {
    server = await startKioskServer({ CALL_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS), SESSION_MAX_SECONDS: String(SESSION_MAX_SECONDS) });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('is closed at the connect deadline when its peer never connects', async () => {
    const posted = await postOffer(server.url);
    expect(posted.status).toBe(201);
    expect((await server.resources(false)).calls).toBe(1);
    const after = await until(() => server.resources(false), (report) => report.calls === 0, CONNECT_TIMEOUT_MS * 3);
    expect(after.calls).toBe(0);
    const body = (await (await fetch(`${server.url}/api/debug/calls`)).json()) as { calls: CallRecord[] };
    expect(body.calls.at(-1)?.closeReason).toBe('not connected before the connect deadline');
    await closePeer(posted.peer);
  });

  it('ends with a session_expired error event after SESSION_MAX_SECONDS, and is released', async () => {
    const startedAt = Date.now();
    const client = await RealtimeTestClient.connect(server.url);
    const created = await client.waitFor((event) => event.type === 'session.created');
    const sessionId = (created.session as { id: string }).id;
    const expired = await client.waitFor((event) => event.type === 'error', SESSION_MAX_SECONDS * 1000 + 3_000);
    expect(expired.error).toMatchObject({ type: 'invalid_request_error', code: 'session_expired' });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(SESSION_MAX_SECONDS * 1000 - 100);
    const record = await until(() => callRecord(server, sessionId), (call) => call?.open === false, 3_000);
    expect(record?.closeReason).toBe('session dropped the peer');
    expect((await server.resources(false)).calls).toBe(0);
    await client.close();
  });
});

describe('the kiosk server on shutdown', () => {
  it('removes its temp folder', async () => {
    const server = await startKioskServer();
    try {
      const { pid } = await server.resources(false);
      const mine = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`voice-kiosk-asr-${pid}-`));
      expect(mine()).toHaveLength(1);
      const exited = new Promise((resolve) => server.child.once('exit', resolve));
      // The server process alone, not its process group: its own shutdown must clean up.
      process.kill(pid, 'SIGTERM');
      await exited;
      expect(mine()).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});
