/**
 * A local stand-in for the two OpenAI Realtime endpoints the kiosk uses, checking each
 * request against the published GA reference and answering in the service's shapes:
 * - `POST /v1/realtime/client_secrets` (Bearer API key, JSON `{ expires_after, session }`)
 *   → `{ value: "ek_…", expires_at, session }`;
 * - `POST /v1/realtime/calls` (Bearer client secret, `application/sdp` offer) → 201 with the
 *   answer SDP and a `Location`.
 * Every departure from the reference is recorded in `problems`, so a test asserts there are none.
 * `failNext` makes the next client-secret request time out or answer 401, 429 or 500, as the
 * service does on a bad key, a rate limit or an outage.
 */

import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { offerProblem } from '../../server/http/sdpOffer.ts';
import { MENU_TOOLS } from '../../src/menu/menuTools.ts';

export type StubFailure = 'timeout' | 401 | 429 | 500;

export interface OpenAiStub {
  url: string;
  problems: string[];
  /** Every request as received: method, path, headers, body. */
  requests: { path: string; headers: IncomingMessage['headers']; body: string }[];
  failNext: (failure: StubFailure) => void;
  /** Secrets minted so far. */
  secrets: () => string[];
  stop: () => Promise<void>;
}

export interface OpenAiStubOptions {
  apiKey: string;
  /** Produces the answer SDP for an offer (a test may forward it to a real peer); default: a fixed answer. */
  answer?: (offer: string) => Promise<string>;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What is wrong with a client-secret body, per the GA reference; empty when nothing is. */
export function clientSecretProblems(body: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(body)) return ['body is not a JSON object'];
  const expires = body.expires_after;
  if (expires !== undefined) {
    if (!isObject(expires) || expires.anchor !== 'created_at') problems.push('expires_after.anchor must be "created_at"');
    const seconds = isObject(expires) ? expires.seconds : undefined;
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 10 || seconds > 7200) {
      problems.push('expires_after.seconds must be a whole number from 10 to 7200');
    }
  }
  const session = body.session;
  if (!isObject(session)) return [...problems, 'session is missing'];
  if (session.type !== 'realtime') problems.push('session.type must be "realtime"');
  if (typeof session.model !== 'string' || session.model === '') problems.push('session.model must name a model');
  if (typeof session.instructions !== 'string' || !session.instructions.includes('Menu:')) problems.push('session.instructions must carry the kiosk instructions and menu');
  const input = isObject(session.audio) && isObject(session.audio.input) ? session.audio.input : null;
  if (!input) problems.push('session.audio.input is missing');
  else {
    if (input.turn_detection !== null) problems.push('session.audio.input.turn_detection must be null (push to talk)');
    if (!isObject(input.transcription) || typeof input.transcription.model !== 'string') problems.push('session.audio.input.transcription.model is missing');
  }
  const tools = Array.isArray(session.tools) ? (session.tools as Json[]) : null;
  const expected = MENU_TOOLS.map((tool) => tool.name).sort();
  if (!tools) problems.push('session.tools is missing');
  else {
    const names = tools.map((tool) => String(tool.name)).sort();
    if (JSON.stringify(names) !== JSON.stringify(expected)) problems.push(`session.tools are ${names.join(', ')}; the menu's are ${expected.join(', ')}`);
    for (const tool of tools) {
      if (tool.type !== 'function' || typeof tool.description !== 'string' || !isObject(tool.parameters)) {
        problems.push(`tool ${String(tool.name)} must be { type: "function", name, description, parameters }`);
      }
    }
  }
  for (const beta of ['modalities', 'input_audio_transcription', 'turn_detection', 'voice']) {
    if (beta in session) problems.push(`session.${beta} is a beta field; the GA session does not accept it`);
  }
  return problems;
}

const FIXED_ANSWER = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 't=0 0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'c=IN IP4 127.0.0.1', ''].join('\r\n');

function sendError(response: ServerResponse, status: number, type: string, message: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(JSON.stringify({ error: { message, type, param: null, code: type } }));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startOpenAiStub(options: OpenAiStubOptions): Promise<OpenAiStub> {
  const problems: string[] = [];
  const requests: OpenAiStub['requests'] = [];
  const minted = new Map<string, number>();
  const failures: StubFailure[] = [];
  const hanging = new Set<ServerResponse>();

  const server: Server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const path = (request.url ?? '').split('?')[0] ?? '';
      requests.push({ path, headers: request.headers, body });
      const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? null;
      if (request.method === 'POST' && path === '/v1/realtime/client_secrets') {
        const failure = failures.shift();
        if (failure === 'timeout') {
          hanging.add(response);
          response.once('close', () => hanging.delete(response));
          return;
        }
        if (bearer !== options.apiKey || failure === 401) {
          sendError(response, 401, 'invalid_request_error', 'Incorrect API key provided.');
          return;
        }
        if (failure === 429) {
          sendError(response, 429, 'rate_limit_exceeded', 'Rate limit reached for requests.', { 'Retry-After': '7' });
          return;
        }
        if (failure === 500) {
          sendError(response, 500, 'server_error', 'The server had an error while processing your request.');
          return;
        }
        if (!String(request.headers['content-type']).startsWith('application/json')) problems.push('client_secrets: Content-Type must be application/json');
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(body);
        } catch {
          problems.push('client_secrets: body is not JSON');
        }
        problems.push(...clientSecretProblems(parsed).map((problem) => `client_secrets: ${problem}`));
        const value = `ek_${randomBytes(12).toString('hex')}`;
        const expiresAt = Math.floor(Date.now() / 1000) + 600;
        minted.set(value, expiresAt);
        const session = isObject(parsed) && isObject(parsed.session) ? parsed.session : {};
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ value, expires_at: expiresAt, session: { ...session, object: 'realtime.session', id: `sess_${randomBytes(8).toString('hex')}` } }));
        return;
      }
      if (request.method === 'POST' && path === '/v1/realtime/calls') {
        if (!bearer || !minted.has(bearer)) {
          sendError(response, 401, 'invalid_request_error', 'The client secret is missing, unknown or expired.');
          return;
        }
        if (bearer === options.apiKey) problems.push('calls: the browser used the API key, not a client secret');
        if (!String(request.headers['content-type']).startsWith('application/sdp')) problems.push('calls: Content-Type must be application/sdp');
        const sdpProblem = offerProblem(body);
        if (sdpProblem) {
          sendError(response, 400, 'invalid_request_error', sdpProblem);
          return;
        }
        const answer = options.answer ? await options.answer(body) : FIXED_ANSWER;
        response.writeHead(201, { 'Content-Type': 'application/sdp', Location: `/v1/realtime/calls/rtc_${randomBytes(8).toString('hex')}` });
        response.end(answer);
        return;
      }
      sendError(response, 404, 'invalid_request_error', `Invalid URL (${request.method} ${path})`);
    })().catch((error: unknown) => sendError(response, 500, 'server_error', String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    problems,
    requests,
    failNext: (failure) => failures.push(failure),
    secrets: () => [...minted.keys()],
    stop: () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
