import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isRetryable } from '../../machines/notices.ts';
import { fetchSessionCredentials } from '../../src/voice/sessionApi.ts';
import { ConnectionError } from '../../src/voice/webrtcConnection.ts';
import { clientSecretRequest } from '../../server/openaiSession.ts';
import { kioskSessionConfig } from '../../src/voice/sessionConfig.ts';
import { clientSecretProblems, startOpenAiStub, type OpenAiStub } from '../support/openaiStub.ts';
import { OFFER_TEMPLATE } from './offerSdp.ts';
import { runUntilExit, startKioskProcess, type KioskProcess } from './kioskProcess.ts';

const API_KEY = `sk-test-${'k3y'.repeat(12)}`;
const OFFER = OFFER_TEMPLATE;

/** The page's own token fetch, run against the server as the browser would (its address as the page's). */
async function kioskFetch(origin: string): Promise<{ ok: true; token: string } | { ok: false; reason: string; message: string }> {
  const saved = (globalThis as { window?: unknown }).window;
  (globalThis as { window?: unknown }).window = { location: { href: `${origin}/` } };
  try {
    const credentials = await fetchSessionCredentials('/api/session', null, AbortSignal.timeout(10_000));
    return { ok: true, token: credentials.token };
  } catch (error) {
    if (!(error instanceof ConnectionError)) throw error;
    return { ok: false, reason: error.reason, message: error.message };
  } finally {
    (globalThis as { window?: unknown }).window = saved;
  }
}

describe('the OpenAI path against a local stand-in for the service', () => {
  let stub: OpenAiStub;
  let server: KioskProcess;

  beforeAll(async () => {
    stub = await startOpenAiStub({ apiKey: API_KEY });
    server = await startKioskProcess({
      OPENAI_API_KEY: API_KEY,
      OPENAI_BASE_URL: stub.url,
      OPENAI_TIMEOUT_MS: '800',
      LOG_LEVEL: 'debug',
      KIOSK_MODE: 'test',
      SESSION_RATE_BURST: '1000',
    });
  });
  afterAll(async () => {
    await server?.stop();
    await stub?.stop();
  });
  afterEach(() => {
    expect(stub.problems).toEqual([]);
  });

  it('mints a client secret with the GA session (model, realtime type, transcription, no VAD, the menu tools, instructions)', async () => {
    const response = await fetch(`${server.origin}/api/session`, { method: 'POST' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { value: string; expires_at: number; calls_url: string };
    expect(stub.secrets()).toContain(body.value);
    expect(body.calls_url).toBe(`${stub.url}/v1/realtime/calls`);
    expect(body.expires_at).toBeGreaterThan(Date.now() / 1000);
    const minted = stub.requests.find((request) => request.path === '/v1/realtime/client_secrets');
    expect(minted?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(JSON.parse(minted!.body)).toMatchObject({ session: { type: 'realtime', model: 'gpt-realtime' } });
  });

  it('gives the browser a secret it can open a call with at the calls URL, and the page may connect there', async () => {
    const { value, calls_url: callsUrl } = (await (await fetch(`${server.origin}/api/session`, { method: 'POST' })).json()) as { value: string; calls_url: string };
    const call = await fetch(callsUrl, { method: 'POST', body: OFFER, headers: { Authorization: `Bearer ${value}`, 'Content-Type': 'application/sdp' } });
    expect(call.status).toBe(201);
    expect(call.headers.get('content-type')).toBe('application/sdp');
    expect(call.headers.get('location')).toMatch(/^\/v1\/realtime\/calls\/rtc_/);
    const page = await fetch(`${server.origin}/api/health`);
    expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ${stub.url}`);
    expect(await page.json()).toMatchObject({ mode: 'openai' });
  });

  it('never lets the API key reach the browser or the logs', async () => {
    const answers = [
      await (await fetch(`${server.origin}/api/session`, { method: 'POST' })).text(),
      await (await fetch(`${server.origin}/api/health`)).text(),
      await (await fetch(`${server.origin}/`)).text(),
    ];
    stub.failNext(401);
    answers.push(await (await fetch(`${server.origin}/api/session`, { method: 'POST' })).text());
    for (const answer of answers) expect(answer).not.toContain(API_KEY);
    expect(server.output()).not.toContain(API_KEY);
    expect(server.output()).not.toContain('k3yk3y');
  });

  it.each([
    ['timeout', 504, 'did not answer within 800 ms'],
    [401, 502, 'refused the client secret (HTTP 401) (check OPENAI_API_KEY)'],
    [429, 429, 'rate limiting'],
    [500, 502, 'refused the client secret (HTTP 500)'],
  ] as const)('a stand-in failure (%s) reaches the kiosk as HTTP %i, a reason it retries by itself, and words that say so', async (failure, status, words) => {
    stub.failNext(failure);
    const response = await fetch(`${server.origin}/api/session`, { method: 'POST' });
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain(words);
    expect(body.error.message).toContain('try again');
    if (failure === 429) expect(response.headers.get('retry-after')).toBe('7');

    stub.failNext(failure);
    const seen = await kioskFetch(server.origin);
    expect(seen).toMatchObject({ ok: false, reason: 'token_failed' });
    if (!seen.ok) expect(isRetryable(seen.reason as 'token_failed')).toBe(true);
    // And the next try, with the service back, works.
    expect(await kioskFetch(server.origin)).toMatchObject({ ok: true });
  });
});

describe('the stand-in\'s check of a client-secret request', () => {
  it('passes the request the server builds', () => {
    expect(clientSecretProblems(clientSecretRequest('gpt-realtime', kioskSessionConfig()))).toEqual([]);
  });

  it('refuses the bare request the server once sent (type and model only): no instructions, audio settings or tools', () => {
    expect(clientSecretProblems({ expires_after: { anchor: 'created_at', seconds: 600 }, session: { type: 'realtime', model: 'gpt-realtime' } })).toEqual([
      'session.instructions must carry the kiosk instructions and menu',
      'session.audio.input is missing',
      'session.tools is missing',
    ]);
  });

  it('refuses server VAD, beta field names and a TTL past two hours', () => {
    const request = clientSecretRequest('gpt-realtime', kioskSessionConfig()) as { expires_after: { seconds: number }; session: Record<string, unknown> & { audio: { input: Record<string, unknown> } } };
    request.expires_after.seconds = 7201;
    request.session.audio.input.turn_detection = { type: 'server_vad' };
    request.session.modalities = ['audio'];
    expect(clientSecretProblems(request)).toEqual([
      'expires_after.seconds must be a whole number from 10 to 7200',
      'session.audio.input.turn_detection must be null (push to talk)',
      'session.modalities is a beta field; the GA session does not accept it',
    ]);
  });
});

describe('the OpenAI base URL setting', () => {
  it.each(['http://api.example.com', 'ftp://127.0.0.1', 'https://user:pw@api.example.com', 'not a url'])(
    'refuses OPENAI_BASE_URL=%s, which would send the key in clear text or nowhere',
    async (value) => {
      const { code, output } = await runUntilExit({ OPENAI_BASE_URL: value });
      expect(code).toBe(2);
      expect(output).toContain('OPENAI_BASE_URL=');
    },
  );
});
