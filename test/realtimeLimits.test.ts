/** The local realtime server's guards and limits, one by one. */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonNestingDepth, MAX_CLIENT_MESSAGE_BYTES, MAX_JSON_DEPTH, parseClientMessage } from '../server/realtime/clientMessageGuard.ts';
import { DEFAULT_PEER_MAX_MESSAGE_BYTES, peerMaxMessageBytes } from '../server/realtime/maxMessageSize.ts';
import { readRealtimeSettings } from '../server/realtime/realtimeSettings.ts';
import { applySessionUpdate, defaultSessionSettings } from '../server/realtime/sessionConfig.ts';
import { killAllChildren, liveChildPids, runProcess } from '../server/speech/childProcesses.ts';
import { removeStaleWorkDirs } from '../server/speech/workDir.ts';
import { WorkLimiter, WorkRefusedError } from '../server/speech/workLimiter.ts';

describe('the client message guard', () => {
  it('measures nesting without recursion, ignoring brackets inside strings and escapes', () => {
    expect(jsonNestingDepth('{"a":[1,{"b":[]}]}')).toBe(4);
    expect(jsonNestingDepth('{"a":"[[[[\\"{{{"}')).toBe(1);
    expect(jsonNestingDepth('['.repeat(1_000_000))).toBe(1_000_000);
    expect(jsonNestingDepth('['.repeat(1_000_000), MAX_JSON_DEPTH)).toBe(MAX_JSON_DEPTH + 1);
  });

  it('refuses over-deep and oversized messages before parsing, with the event_id when it can be seen', () => {
    const deep = parseClientMessage(`{"event_id":"e1","type":"session.update","session":{"tools":${'['.repeat(6_000)}${']'.repeat(6_000)}}}`);
    expect(deep).toMatchObject({ ok: false, code: 'json_too_deep', eventId: 'e1' });
    const large = parseClientMessage(Buffer.from(`{"event_id":"e2","x":"${'a'.repeat(MAX_CLIENT_MESSAGE_BYTES)}"}`));
    expect(large).toMatchObject({ ok: false, code: 'message_too_large', eventId: 'e2' });
    expect(parseClientMessage(`[${'1,'.repeat(10)}1]`)).toMatchObject({ ok: false, code: 'invalid_event' });
    expect(parseClientMessage('{"type":')).toMatchObject({ ok: false, code: 'invalid_json' });
  });

  it('accepts an event at the depth limit and echoes only a plain, short event_id', () => {
    const atLimit = `{"type":"x","event_id":"e3","v":${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}}`;
    expect(parseClientMessage(atLimit)).toMatchObject({ ok: true, eventId: 'e3' });
    expect(parseClientMessage(JSON.stringify({ type: 'x', event_id: 'e'.repeat(500) }))).toMatchObject({ ok: true, eventId: null });
    expect(parseClientMessage(JSON.stringify({ type: 'x', event_id: { id: 1 } }))).toMatchObject({ ok: true, eventId: null });
  });
});

describe("the peer's max-message-size", () => {
  it('is read from the offer, 64 KB when absent, and finite when the peer says 0 (any size)', () => {
    expect(peerMaxMessageBytes('v=0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=max-message-size:1024\r\n')).toBe(1024);
    expect(peerMaxMessageBytes('v=0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n')).toBe(DEFAULT_PEER_MAX_MESSAGE_BYTES);
    expect(peerMaxMessageBytes('a=max-message-size:0\r\n', 4096)).toBe(4096);
    expect(peerMaxMessageBytes('a=max-message-size:99999999999999999999\r\n')).toBe(DEFAULT_PEER_MAX_MESSAGE_BYTES);
  });
});

describe('session.update', () => {
  const current = { ...defaultSessionSettings(), instructions: 'be brief' };

  it('applies instructions and tools, and refuses a wrong type naming the field without applying anything', () => {
    expect(applySessionUpdate(current, { instructions: 'hello', tools: [{ type: 'function' }] })).toEqual({
      ...current,
      instructions: 'hello',
      tools: [{ type: 'function' }],
    });
    expect(applySessionUpdate(current, { instructions: 'hello', tools: 'all' })).toMatchObject({ code: 'invalid_type', param: 'session.tools' });
    expect(applySessionUpdate(current, 'x')).toMatchObject({ code: 'invalid_type', param: 'session' });
    expect(applySessionUpdate(current, JSON.parse('{"__proto__":{"instructions":"polluted"}}'))).toEqual(current);
  });
});

describe('the work limiter', () => {
  it('runs at most its concurrency, queues a bounded line, refuses past it, and lets an aborted waiter leave', async () => {
    const limiter = new WorkLimiter('test', 2, 1);
    const releases: (() => void)[] = [];
    const task = () => new Promise<void>((resolve) => releases.push(resolve));
    const running = [limiter.run(task), limiter.run(task)];
    const abort = new AbortController();
    const waiting = limiter.run(task, abort.signal);
    await expect(limiter.run(task)).rejects.toMatchObject({ reason: 'busy' });
    expect([limiter.active, limiter.queued]).toEqual([2, 1]);
    abort.abort();
    await expect(waiting).rejects.toBeInstanceOf(WorkRefusedError);
    expect(limiter.queued).toBe(0);
    const next = limiter.run(task);
    releases.shift()?.();
    await running[0];
    await new Promise((resolve) => setImmediate(resolve));
    expect(limiter.active).toBe(2);
    for (const release of releases.splice(0)) release();
    await Promise.all([running[1], next]);
    expect(limiter.active).toBe(0);
  });
});

describe('speech processes', () => {
  it('die when their signal aborts (a session closing) and when the server shuts down', async () => {
    const abort = new AbortController();
    const aborted = runProcess('sleep', ['30'], { timeoutMs: 60_000, signal: abort.signal });
    const shutDown = runProcess('sleep', ['30'], { timeoutMs: 60_000 });
    expect(liveChildPids()).toHaveLength(2);
    const startedAt = Date.now();
    abort.abort();
    await expect(aborted).rejects.toThrow(/sleep failed/);
    expect(liveChildPids()).toHaveLength(1);
    killAllChildren();
    await expect(shutDown).rejects.toThrow(/sleep failed/);
    expect(liveChildPids()).toEqual([]);
    expect(Date.now() - startedAt).toBeLessThan(5_000);
  });
});

describe("the recognizer's temp folders", () => {
  it('removes folders whose server has exited and keeps those of running ones', () => {
    const parent = mkdtempSync(join(tmpdir(), 'work-dir-test-'));
    try {
      const exited = spawnSync('true').pid;
      const stale = join(parent, `voice-kiosk-asr-${exited}-abc`);
      const mine = join(parent, `voice-kiosk-asr-${process.pid}-def`);
      const running = join(parent, `voice-kiosk-asr-${process.ppid}-ghi`);
      const unrelated = join(parent, 'voice-kiosk-asr-legacy');
      for (const dir of [stale, mine, running, unrelated]) mkdirSync(dir);
      expect(removeStaleWorkDirs('voice-kiosk-asr', parent)).toBe(1);
      expect([stale, mine, running, unrelated].map(existsSync)).toEqual([false, true, true, true]);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});

describe('the realtime settings', () => {
  it('defaults to a 15 s connect deadline, 60 minute sessions, the n-gram model with the adapted acoustic model and a passive DTLS answer, and refuses what is out of range', () => {
    expect(readRealtimeSettings({})).toEqual({
      connectTimeoutMs: 15_000,
      maxSessionMs: 3_600_000,
      speechProcesses: 2,
      speechQueue: 8,
      recognizerLanguage: 'ngram',
      acousticModel: 'adapted',
      dtlsSetup: 'passive',
    });
    expect(readRealtimeSettings({ ASR_LANGUAGE: 'grammar' }).recognizerLanguage).toBe('grammar');
    expect(() => readRealtimeSettings({ ASR_LANGUAGE: 'jsgf' })).toThrow(/ASR_LANGUAGE must be one of ngram, grammar/);
    expect(readRealtimeSettings({ ASR_ACOUSTIC_MODEL: 'stock' }).acousticModel).toBe('stock');
    expect(() => readRealtimeSettings({ ASR_ACOUSTIC_MODEL: 'mine' })).toThrow(/ASR_ACOUSTIC_MODEL must be one of adapted, stock/);
    expect(readRealtimeSettings({ REALTIME_DTLS_SETUP: 'active' }).dtlsSetup).toBe('active');
    expect(() => readRealtimeSettings({ REALTIME_DTLS_SETUP: 'actpass' })).toThrow(/REALTIME_DTLS_SETUP must be one of passive, active/);
    expect(() => readRealtimeSettings({ SESSION_MAX_SECONDS: 'abc' })).toThrow(/SESSION_MAX_SECONDS must be a whole number/);
    expect(() => readRealtimeSettings({ SPEECH_PROCESSES: '0' })).toThrow(/SPEECH_PROCESSES/);
    expect(() => readRealtimeSettings({ CALL_CONNECT_TIMEOUT_MS: '1.5' })).toThrow(/CALL_CONNECT_TIMEOUT_MS/);
  });
});
