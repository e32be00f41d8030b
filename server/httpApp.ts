/**
 * The kiosk server's HTTP routes:
 * - `POST /api/session`: the endpoint the browser calls for a realtime token. It mints
 *   locally, or through OpenAI when OPENAI_API_KEY is set; the key stays here.
 * - `POST /v1/realtime/client_secrets` and `POST /v1/realtime/calls`: the local realtime
 *   server, mirroring the GA endpoints.
 * - `GET /api/debug/calls`: what the local server saw, for tests and technicians.
 * - `GET /api/debug/resources[?collect=1]`: what the server holds now (calls, handles, children, heap after a GC).
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerLogger } from './log.ts';
import { CallClosedError, CallRegistry } from './realtime/callRegistry.ts';
import type { CallLimits, RealtimeCall } from './realtime/realtimeCall.ts';
import { resourceReport } from './realtime/resourceReport.ts';
import type { SpeechRecognizer } from './realtime/speechPorts.ts';
import { parseScenario, SCENARIOS, type Scenario } from './realtime/scenarios.ts';
import type { SpeechSynthesizer } from './speech/speechSynthesizer.ts';
import type { TurnAgent } from './realtime/turnAgent.ts';
import type { TokenStore } from './tokens.ts';
import { mintOpenAiClientSecret, OPENAI_CALLS_URL } from './openaiSession.ts';

const MAX_BODY_BYTES = 256 * 1024;

export interface HttpAppOptions {
  tokens: TokenStore;
  createRecognizer: () => SpeechRecognizer;
  createAgent: () => TurnAgent;
  synthesizer: SpeechSynthesizer | null;
  log: ServerLogger;
  /** When set, /api/session mints OpenAI client secrets instead of local tokens. */
  openAiApiKey?: string;
  /** Key the local `/v1/realtime/client_secrets` accepts (the local stand-in for an API key). */
  localApiKey: string;
  /** Connect deadline and maximum session length for local realtime calls. */
  callLimits: CallLimits;
}

export class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export class KioskHttpApp {
  private readonly options: HttpAppOptions;
  private readonly calls = new CallRegistry();

  constructor(options: HttpAppOptions) {
    this.options = options;
  }

  /** Handles the request if it is one of ours; false lets the static/dev middleware have it. */
  async handle(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const route = `${request.method ?? 'GET'} ${url.pathname}`;
    try {
      switch (route) {
        case 'POST /api/session':
          await this.createSession(url, response);
          return true;
        case 'POST /v1/realtime/client_secrets':
          await this.createClientSecret(request, response);
          return true;
        case 'POST /v1/realtime/calls':
          await this.createCall(request, response);
          return true;
        case 'GET /api/debug/calls':
          sendJson(response, 200, { calls: this.calls.report() });
          return true;
        case 'GET /api/debug/resources':
          sendJson(response, 200, resourceReport(this.calls, url.searchParams.get('collect') === '1'));
          return true;
        case 'GET /api/scenarios':
          sendJson(response, 200, { scenarios: SCENARIOS });
          return true;
        case 'GET /api/health':
          sendJson(response, 200, { ok: true, mode: this.options.openAiApiKey ? 'openai' : 'local' });
          return true;
        default:
          if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/v1/')) {
            sendJson(response, 404, errorBody('not_found', `No route for ${route}`));
            return true;
          }
          return false;
      }
    } catch (error) {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      this.options.log.warn({ route, status, message }, 'request failed');
      if (!response.headersSent) sendJson(response, status, errorBody(status === 401 ? 'invalid_api_key' : 'request_failed', message));
      return true;
    }
  }

  closeAll(): void {
    this.calls.closeAll('server shutting down');
  }

  private async createSession(url: URL, response: ServerResponse): Promise<void> {
    const scenario = parseScenario(url.searchParams.get('scenario'));
    if (scenario?.name === 'session_error') throw new HttpError(500, 'The session endpoint failed (scenario session_error).');
    if (this.options.openAiApiKey) {
      const secret = await mintOpenAiClientSecret(this.options.openAiApiKey);
      sendJson(response, 200, { value: secret.value, expires_at: secret.expires_at, calls_url: OPENAI_CALLS_URL });
      return;
    }
    const token = this.options.tokens.mint(scenario);
    sendJson(response, 200, { value: token.value, expires_at: token.expiresAt, calls_url: '/v1/realtime/calls' });
  }

  private async createClientSecret(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (bearerOf(request) !== this.options.localApiKey) throw new HttpError(401, 'Incorrect API key provided.');
    const body = await readBody(request);
    let scenario: Scenario | null = null;
    let session: Record<string, unknown> = { type: 'realtime', model: 'local-realtime' };
    if (body.length > 0) {
      try {
        const parsed = JSON.parse(body) as { session?: Record<string, unknown>; scenario?: string };
        session = { ...session, ...parsed.session };
        scenario = parseScenario(parsed.scenario);
      } catch {
        throw new HttpError(400, 'The body is not valid JSON.');
      }
    }
    const token = this.options.tokens.mint(scenario);
    sendJson(response, 200, { value: token.value, expires_at: token.expiresAt, session });
  }

  private async createCall(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const token = this.options.tokens.verify(bearerOf(request));
    if (!token || token.scenario?.name === 'token_expired') {
      throw new HttpError(401, 'The ephemeral token is missing, unknown or expired.');
    }
    const contentType = request.headers['content-type'] ?? '';
    if (!contentType.startsWith('application/sdp')) throw new HttpError(400, 'Content-Type must be application/sdp.');
    const offerSdp = await readBody(request);
    if (!offerSdp.startsWith('v=0') || !/\r?\nm=/.test(offerSdp)) throw new HttpError(400, 'The body is not an SDP offer.');
    let answer: { call: RealtimeCall; answerSdp: string };
    try {
      answer = await this.calls.answer({
        offerSdp,
        scenario: token.scenario,
        recognizer: this.options.createRecognizer(),
        agent: this.options.createAgent(),
        synthesizer: this.options.synthesizer,
        log: this.options.log,
        limits: this.options.callLimits,
      });
    } catch (error) {
      if (error instanceof CallClosedError) throw new HttpError(400, `${error.message} Only 127.0.0.1 candidates can connect.`);
      throw new HttpError(400, `The SDP offer could not be answered: ${error instanceof Error ? error.message : String(error)}`);
    }
    const { call, answerSdp } = answer;
    this.options.log.info({ call: call.id, scenario: token.scenario?.name ?? null }, 'call answered');
    response.writeHead(201, { 'Content-Type': 'application/sdp', Location: `/v1/realtime/calls/${call.id}` });
    response.end(answerSdp);
  }
}

function bearerOf(request: IncomingMessage): string | null {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  return match?.[1]?.trim() ?? null;
}

function errorBody(code: string, message: string): Record<string, unknown> {
  return { error: { type: 'invalid_request_error', code, message, param: null } };
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'The request body is too large.');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
