import { describe, expect, it } from 'vitest';
import type { KioskProcess } from './kioskProcess.ts';
import { kioskProcessForSuite } from './kioskProcessSuite.ts';
import { OFFER_TEMPLATE } from './offerSdp.ts';
import { sendRaw } from './rawHttp.ts';

interface TokenBody {
  value: string;
  expires_at: number;
}

function mint(server: KioskProcess, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.origin}/api/session`, { method: 'POST', headers });
}

async function mintToken(server: KioskProcess): Promise<string> {
  const response = await mint(server);
  expect(response.status).toBe(200);
  return ((await response.json()) as TokenBody).value;
}

function postOffer(server: KioskProcess, token: string, sdp = OFFER_TEMPLATE): Promise<Response> {
  return fetch(`${server.origin}/v1/realtime/calls`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/sdp' },
    body: sdp,
  });
}

async function errorMessage(response: Response): Promise<string> {
  return ((await response.json()) as { error: { message: string } }).error.message;
}

describe('the token endpoint of a server in production mode', () => {
  const server = kioskProcessForSuite({ TOKEN_TTL_SECONDS: '2', LOCAL_REALTIME_KEY: 'local-test-key' });

  it('refuses a page from another origin, and a Host that is not this server (DNS rebinding)', async () => {
    const foreign = await mint(server(), { Origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(await errorMessage(foreign)).toMatch(/Origin/);

    const rebound = await sendRaw(
      server().port,
      'POST /api/session HTTP/1.1\r\nHost: evil.example:80\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
    );
    expect(rebound.status).toBe(403);

    expect((await mint(server(), { Origin: server().origin })).status).toBe(200);
    expect((await mint(server(), { Origin: `http://localhost:${server().port}` })).status).toBe(200);
  });

  it('lets a token open one call: the second offer with it is refused with 401', async () => {
    const token = await mintToken(server());
    const first = await postOffer(server(), token);
    expect(first.status).toBe(201);
    expect(await first.text()).toMatch(/^v=0/);
    const second = await postOffer(server(), token);
    expect(second.status).toBe(401);
    expect(await errorMessage(second)).toMatch(/already used/);
  });

  it('refuses a token once TOKEN_TTL_SECONDS have passed', async () => {
    const token = await mintToken(server());
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await postOffer(server(), token)).status).toBe(401);
  });

  it('answers a broken offer with a 400 that names what is missing, not the WebRTC stack\'s internals', async () => {
    const withoutIce = OFFER_TEMPLATE.split('\r\n').filter((line) => !line.startsWith('a=ice-')).join('\r\n');
    const response = await postOffer(server(), await mintToken(server()), withoutIce);
    expect(response.status).toBe(400);
    const message = await errorMessage(response);
    expect(message).toMatch(/no ICE credentials/);
    expect(message).not.toMatch(/undefined|reading|iceParams/);
  });

  it('sends the security headers on the page and on the API, and 405 with Allow for a wrong method', async () => {
    for (const path of ['/', '/api/health']) {
      const headers = (await fetch(`${server().origin}${path}`)).headers;
      expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(headers.get('content-security-policy')).toContain("script-src 'self';");
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
      expect(headers.get('permissions-policy')).toContain('microphone=(self)');
    }
    const wrongMethod = await fetch(`${server().origin}/api/session`, { method: 'GET' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });

  it('answers undecodable paths with 400 and keeps serving', async () => {
    for (const target of ['/%', '/%ff', '/assets/%', 'http://[::1']) {
      expect((await sendRaw(server().port, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`)).status).toBe(400);
    }
    expect(server().exitCode()).toBeNull();
  });

  it('mints through /v1/realtime/client_secrets only with the local key, and refuses a scenario in its body', async () => {
    const secrets = (key: string, body = '') =>
      fetch(`${server().origin}/v1/realtime/client_secrets`, { method: 'POST', headers: { Authorization: `Bearer ${key}` }, body });
    expect((await secrets('local-test-key')).status).toBe(200);
    expect((await secrets('local-test-kez')).status).toBe(401);
    expect((await secrets('local-test-key', JSON.stringify({ scenario: 'token_expired' }))).status).toBe(403);
    expect((await secrets('local-test-key', '{"session":')).status).toBe(400);
  });

  it('refuses fault scenarios and hides the debug routes', async () => {
    const scenario = await fetch(`${server().origin}/api/session?scenario=session_error`, { method: 'POST' });
    expect(scenario.status).toBe(403);
    expect(await errorMessage(scenario)).toMatch(/KIOSK_MODE=test/);
    expect((await fetch(`${server().origin}/api/scenarios`)).status).toBe(404);
    expect((await fetch(`${server().origin}/api/debug/calls`)).status).toBe(404);
    const health = (await (await fetch(`${server().origin}/api/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ ok: true, faultScenarios: false, debugPanel: false });
  });
});

describe('the token rate limit', () => {
  const server = kioskProcessForSuite({ SESSION_RATE_BURST: '5', SESSION_RATE_PER_MINUTE: '60' });

  it('refuses a client past its burst with 429 and Retry-After, and serves it again once the bucket refills', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let index = 0; index < 8; index += 1) {
      const response = await mint(server());
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    // 60 a minute: one a second.
    expect(retryAfter).toBe('1');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await mint(server())).status).toBe(200);
    expect((await mint(server())).status).toBe(429);
    // The health check is not rate limited: a throttled kiosk still reports itself alive.
    expect((await fetch(`${server().origin}/api/health`)).status).toBe(200);
  });

});

describe('a server in test mode', () => {
  const server = kioskProcessForSuite({ KIOSK_MODE: 'test' });

  it('runs the fault scenarios and answers the debug routes', async () => {
    expect((await fetch(`${server().origin}/api/session?scenario=session_error`, { method: 'POST' })).status).toBe(500);
    expect((await fetch(`${server().origin}/api/scenarios`)).status).toBe(200);
    expect((await fetch(`${server().origin}/api/debug/calls`)).status).toBe(200);
    const health = (await (await fetch(`${server().origin}/api/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ faultScenarios: true, debugPanel: true });
  });
});

describe('ALLOWED_ORIGINS', () => {
  const server = kioskProcessForSuite({ ALLOWED_ORIGINS: 'https://kiosk.example' });

  it('replaces the default list: the configured origin may mint, loopback may not', async () => {
    const configured = await sendRaw(
      server().port,
      'POST /api/session HTTP/1.1\r\nHost: kiosk.example\r\nOrigin: https://kiosk.example\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
    );
    expect(configured.status).toBe(200);
    expect((await mint(server())).status).toBe(403);
  });
});

describe('cross-origin access, as the real service allows it', () => {
  const server = kioskProcessForSuite({});
  const foreign = 'http://127.0.0.1:5399';

  it('answers a preflight for the calls endpoint with Authorization and the SDK header allowed', async () => {
    const response = await fetch(`${server().origin}/v1/realtime/calls`, {
      method: 'OPTIONS',
      headers: { Origin: foreign, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type,x-openai-agents-sdk' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type', 'x-openai-agents-sdk']));
  });

  it('lets a foreign page read the answer, its Location (an rtc_ call id) and its errors', async () => {
    const token = await mintToken(server());
    const answer = await fetch(`${server().origin}/v1/realtime/calls`, {
      method: 'POST',
      headers: { Origin: foreign, Authorization: `Bearer ${token}`, 'Content-Type': 'application/sdp' },
      body: OFFER_TEMPLATE,
    });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('access-control-expose-headers')).toContain('Location');
    expect(answer.headers.get('location')).toMatch(/^\/v1\/realtime\/calls\/rtc_[a-z0-9]+$/);
    const refused = await fetch(`${server().origin}/v1/realtime/calls`, {
      method: 'POST',
      headers: { Origin: foreign, Authorization: `Bearer ${token}`, 'Content-Type': 'application/sdp' },
      body: OFFER_TEMPLATE,
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('gives the token endpoint no CORS headers: only the kiosk page itself may read a token', async () => {
    const preflight = await fetch(`${server().origin}/api/session`, {
      method: 'OPTIONS',
      headers: { Origin: foreign, 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(405);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const minted = await mint(server());
    expect(minted.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('accepts the multipart offer with sdp and session parts, and refuses a session it cannot honour by name', async () => {
    const form = new FormData();
    form.set('sdp', OFFER_TEMPLATE);
    form.set('session', JSON.stringify({ type: 'realtime', instructions: 'Be brief.', audio: { output: { voice: 'cedar' } } }));
    const answered = await fetch(`${server().origin}/v1/realtime/calls`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await mintToken(server())}` },
      body: form,
    });
    expect(answered.status).toBe(201);
    expect(await answered.text()).toMatch(/^v=0/);

    const vad = new FormData();
    vad.set('sdp', OFFER_TEMPLATE);
    vad.set('session', JSON.stringify({ type: 'realtime', audio: { input: { turn_detection: { type: 'server_vad' } } } }));
    const refused = await fetch(`${server().origin}/v1/realtime/calls`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await mintToken(server())}` },
      body: vad,
    });
    expect(refused.status).toBe(400);
    expect(await errorMessage(refused)).toMatch(/turn_detection.*push-to-talk/);
  });
});
