import { beforeAll, describe, expect, it } from 'vitest';
import { hostileRequests, type HostileRequest } from './hostileRequests.ts';
import { isHealthy, LOOPBACK } from './kioskProcess.ts';
import { kioskProcessForSuite } from './kioskProcessSuite.ts';
import { sendRaw, type RawAnswer } from './rawHttp.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const BATCHES = 20;
const PER_BATCH = 250;
const CONCURRENCY = 25;

/** A success is only ever a page, an asset, the health check, a token, an answered offer or a CORS preflight. */
function successIsAllowed(request: HostileRequest, status: number): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return status === 200;
  const path = request.path.split('?')[0];
  if (request.method === 'OPTIONS' && (path === '/v1/realtime/calls' || path === '/v1/realtime/client_secrets')) return status === 204;
  if (request.method === 'POST' && path === '/api/session') return status === 200;
  if (request.method === 'POST' && path === '/v1/realtime/calls') return status === 201;
  return false;
}

async function sendAll(port: number, requests: HostileRequest[]): Promise<RawAnswer[]> {
  const answers: RawAnswer[] = new Array(requests.length);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const index = next++;
      answers[index] = await sendRaw(port, (requests[index] as HostileRequest).bytes, { timeoutMs: 1_500, headersOnly: true });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return answers;
}

describe('the kiosk server under a few thousand hostile HTTP requests', () => {
  // Production mode, as a kiosk in service runs; a rate limit the fuzz's own mints do not reach.
  const kiosk = kioskProcessForSuite({ SESSION_RATE_BURST: '100000', SESSION_RATE_PER_MINUTE: '100000' });
  const tokens: string[] = [];

  beforeAll(async () => {
    // Live tokens, so some hostile offers get past the token check to the SDP checks.
    for (let index = 0; index < 400; index += 1) {
      const response = await fetch(`${kiosk().origin}/api/session`, { method: 'POST' });
      tokens.push(((await response.json()) as { value: string }).value);
    }
  });

  it(`answers every request with a 4xx/5xx or a page, never a last-resort 500, and stays up (seed ${SEED})`, { timeout: 60_000 }, async () => {
    const statusCounts = new Map<string, number>();
    const server = kiosk();
    const failures: string[] = [];
    let sent = 0;
    for (let batch = 0; batch < BATCHES; batch += 1) {
      const requests = hostileRequests(PER_BATCH, SEED + batch, { host: `${LOOPBACK}:${server.port}`, tokens });
      const answers = await sendAll(server.port, requests);
      sent += requests.length;
      answers.forEach((answer, index) => {
        const request = requests[index] as HostileRequest;
        const status = answer.status;
        const key = `${request.path.split('?')[0]?.startsWith('/v1/realtime/calls') ? 'calls ' : ''}${status ?? 'none'}`;
        statusCounts.set(key, (statusCounts.get(key) ?? 0) + 1);
        const described = JSON.stringify(request.bytes.toString('latin1').slice(0, 120));
        if (status === null) {
          if (request.complete) failures.push(`no answer to a complete request: ${described}`);
        } else if (status === 500 || status < 200 || status > 599) {
          failures.push(`${status} for ${described}`);
        } else if (status < 400 && !successIsAllowed(request, status)) {
          failures.push(`${status} (success) for ${described}`);
        }
      });
      expect(server.exitCode(), server.output()).toBeNull();
      expect(await isHealthy(server.origin), `health after batch ${batch}`).toBe(true);
    }
    console.info(`HTTP fuzz: ${sent} requests, statuses ${JSON.stringify(Object.fromEntries(statusCounts))}`);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(server.output()).not.toMatch(/request handler failed|uncaught|unhandled/);
    expect(sent).toBeGreaterThanOrEqual(5_000);
  });
});
