/**
 * The kiosk server's HTTP routes:
 * - `POST /api/session`: the endpoint the browser calls for a realtime token. It mints
 *   locally, or through OpenAI when OPENAI_API_KEY is set; the key stays here. Guarded by
 *   the origin policy and a per-client rate limit in both modes.
 * - `POST /v1/realtime/client_secrets` and `POST /v1/realtime/calls`: the local realtime
 *   server, mirroring the GA endpoints.
 * - `GET /api/health`: liveness, and which of the page's tools the server allows.
 * - Test mode only: `GET /api/debug/calls` (what the local server saw),
 *   `GET /api/debug/resources[?collect=1]` (what the server holds now: calls, handles,
 *   children, heap after a GC) and `GET /api/scenarios` (the fault scenarios).
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerOf, isKey } from './http/bearer.ts';
import { answerPreflight, applyCorsHeaders } from './http/cors.ts';
import { errorBody, HttpError, sendError, sendJson } from './http/httpResponses.ts';
import type { OriginPolicy } from './http/originPolicy.ts';
import type { ClientRateLimiter } from './http/rateLimit.ts';
import type { RequestTarget } from './http/requestTarget.ts';
import { parseCallOffer } from './http/callOffer.ts';
import { readBody } from './http/requestBody.ts';
import { offerProblem } from './http/sdpOffer.ts';
import type { ServerLogger } from './log.ts';
import { METRICS_PATH } from './metrics/metricsRoute.ts';
import { countTokenRequests } from './metrics/tokenMetrics.ts';
import { TELEMETRY_PATH } from '../src/protocol/telemetry.ts';
import { CallClosedError, CallRegistry } from './realtime/callRegistry.ts';
import type { CallLimits, RealtimeCall } from './realtime/realtimeCall.ts';
import { resourceReport } from './realtime/resourceReport.ts';
import { applySessionUpdate, defaultSessionSettings, isRefusal } from './realtime/sessionConfig.ts';
import type { SpeechRecognizer } from './realtime/speechPorts.ts';
import { parseScenario, SCENARIOS, type Scenario } from './realtime/scenarios.ts';
import type { SpeechSynthesizer } from './speech/speechSynthesizer.ts';
import type { TurnAgent } from './realtime/turnAgent.ts';
import type { EphemeralToken, TokenStore } from './tokens.ts';
import { mintOpenAiClientSecret, type MintOptions } from './openaiSession.ts';

export interface HttpAppOptions {
  tokens: TokenStore;
  createRecognizer: () => SpeechRecognizer;
  createAgent: () => TurnAgent;
  synthesizer: SpeechSynthesizer | null;
  log: ServerLogger;
  /** When set, /api/session mints OpenAI client secrets instead of local tokens. */
  openAiApiKey: string | null;
  /** The model, session, endpoints (OPENAI_BASE_URL) and timeout of an OpenAI client-secret request. */
  openAiMint: Omit<MintOptions, 'apiKey'>;
  /** Key the local `/v1/realtime/client_secrets` accepts (the local stand-in for an API key). */
  localApiKey: string;
  /** Fault scenarios and /api/debug/* answer only in test mode. */
  testMode: boolean;
  /** The page may open its debug panel (without the scenario switch) outside test mode. */
  technicianDebug: boolean;
  originPolicy: OriginPolicy;
  sessionRateLimiter: ClientRateLimiter;
  /** Connect deadline and maximum session length for local realtime calls. */
  callLimits: CallLimits;
  /** `POST /api/telemetry`: the kiosks' beacons. */
  telemetryRoute: RouteHandler;
  /** `GET /metrics` on this port (bearer token, or 404 when none is set). */
  metricsRoute: RouteHandler;
  /** More routes, registered as they are: the orders and the kitchen feed. */
  extraRoutes?: ReadonlyMap<string, MethodHandlers>;
}

const ERROR_CODES: Record<number, string> = {
  401: 'invalid_api_key',
  403: 'forbidden',
  413: 'body_too_large',
  429: 'rate_limit_exceeded',
  503: 'unavailable',
};

export type RouteHandler = (request: IncomingMessage, response: ServerResponse, target: RequestTarget) => Promise<void> | void;
type MethodHandlers = Partial<Record<'GET' | 'POST', RouteHandler>>;
/** A route's handlers; `crossOrigin` routes answer preflights and carry the CORS headers. */
interface Route {
  handlers: MethodHandlers;
  crossOrigin?: boolean;
}

export class KioskHttpApp {
  private readonly options: HttpAppOptions;
  private readonly calls = new CallRegistry();
  private readonly routes: Map<string, Route>;

  constructor(options: HttpAppOptions) {
    this.options = options;
    this.routes = new Map<string, Route>([
      // Same-origin only: no CORS, so only the kiosk's own page can read a token.
      [
        '/api/session',
        {
          handlers: {
            POST: countTokenRequests(options.openAiApiKey ? 'openai' : 'local', (request, response, target) =>
              this.createSession(request, response, target),
            ),
          },
        },
      ],
      ['/v1/realtime/client_secrets', { handlers: { POST: (request, response) => this.createClientSecret(request, response) }, crossOrigin: true }],
      ['/v1/realtime/calls', { handlers: { POST: (request, response, target) => this.createCall(request, response, target) }, crossOrigin: true }],
      ['/api/health', { handlers: { GET: (_request, response) => sendJson(response, 200, this.health()) } }],
      [TELEMETRY_PATH, { handlers: { POST: options.telemetryRoute } }],
      [METRICS_PATH, { handlers: { GET: options.metricsRoute } }],
    ]);
    for (const [path, handlers] of options.extraRoutes ?? []) this.routes.set(path, { handlers });
    if (options.testMode) {
      this.routes.set('/api/debug/calls', {
        handlers: { GET: (_request, response) => sendJson(response, 200, { calls: this.calls.report() }) },
      });
      this.routes.set('/api/debug/resources', {
        handlers: {
          GET: (_request, response, target) => sendJson(response, 200, resourceReport(this.calls, target.searchParams.get('collect') === '1')),
        },
      });
      this.routes.set('/api/scenarios', { handlers: { GET: (_request, response) => sendJson(response, 200, { scenarios: SCENARIOS }) } });
    }
  }

  /** Handles the request if it is one of ours; false lets the static/dev middleware have it. */
  async handle(request: IncomingMessage, response: ServerResponse, target: RequestTarget): Promise<boolean> {
    const path = target.pathname;
    const route = this.routes.get(path);
    if (!route) {
      if (!path.startsWith('/api/') && !path.startsWith('/v1/')) return false;
      sendJson(response, 404, errorBody('not_found', `No route for ${path}`));
      return true;
    }
    const { handlers } = route;
    if (route.crossOrigin) {
      if (request.method === 'OPTIONS') {
        answerPreflight(response, Object.keys(handlers));
        return true;
      }
      applyCorsHeaders(response);
    }
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const handler = method === 'GET' || method === 'POST' ? handlers[method] : undefined;
    if (!handler) {
      const allow = [...Object.keys(handlers), ...(route.crossOrigin ? ['OPTIONS'] : [])].join(', ');
      sendError(response, 405, 'method_not_allowed', `${path} accepts ${allow} only.`, { Allow: allow });
      return true;
    }
    try {
      await handler(request, response, target);
    } catch (error) {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof HttpError ? error.message : 'The server failed to answer this request.';
      const log = status >= 500 ? this.options.log.error.bind(this.options.log) : this.options.log.warn.bind(this.options.log);
      log({ method: request.method, path, status, error: String(error) }, 'request failed');
      sendError(response, status, ERROR_CODES[status] ?? 'request_failed', message, error instanceof HttpError ? error.headers : {});
    }
    return true;
  }

  private health(): Record<string, unknown> {
    return {
      ok: true,
      mode: this.options.openAiApiKey ? 'openai' : 'local',
      faultScenarios: this.options.testMode,
      debugPanel: this.options.testMode || this.options.technicianDebug,
    };
  }

  closeAll(): void {
    this.calls.closeAll('server shutting down');
  }

  private async createSession(request: IncomingMessage, response: ServerResponse, target: RequestTarget): Promise<void> {
    const refusal = this.options.originPolicy.refusal(request);
    if (refusal) throw new HttpError(403, refusal);
    const scenario = this.scenarioOf(target.searchParams.get('scenario'));
    const decision = this.options.sessionRateLimiter.take(request.socket.remoteAddress ?? 'unknown');
    if (!decision.allowed) {
      throw new HttpError(429, 'Too many token requests: wait and try again.', { 'Retry-After': String(decision.retryAfterSeconds) });
    }
    if (scenario?.name === 'session_error') throw new HttpError(500, 'The session endpoint failed (scenario session_error).');
    if (this.options.openAiApiKey) {
      const mint = this.options.openAiMint;
      const secret = await mintOpenAiClientSecret({ ...mint, apiKey: this.options.openAiApiKey });
      sendJson(response, 200, { value: secret.value, expires_at: secret.expires_at, calls_url: mint.endpoints.calls });
      return;
    }
    const token = this.mintLocal(scenario);
    sendJson(response, 200, { value: token.value, expires_at: token.expiresAt, calls_url: '/v1/realtime/calls' });
  }

  /** The named scenario, refused outside test mode: a kiosk in service runs no faults. */
  private scenarioOf(name: string | null | undefined): Scenario | null {
    if (!name) return null;
    if (!this.options.testMode) throw new HttpError(403, 'Fault scenarios are off: they run only when the server is started with KIOSK_MODE=test.');
    return parseScenario(name);
  }

  private mintLocal(scenario: Scenario | null): EphemeralToken {
    const token = this.options.tokens.mint(scenario);
    if (!token) {
      const retryAfter = String(this.options.tokens.secondsUntilRoom());
      throw new HttpError(503, 'Too many live tokens: wait and try again.', { 'Retry-After': retryAfter });
    }
    return token;
  }

  private async createClientSecret(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isKey(bearerOf(request), this.options.localApiKey)) throw new HttpError(401, 'Incorrect API key provided.');
    const body = await readBody(request);
    let scenario: Scenario | null = null;
    let session: Record<string, unknown> = { type: 'realtime', model: 'local-realtime' };
    if (body.length > 0) {
      try {
        const parsed = JSON.parse(body) as { session?: Record<string, unknown>; scenario?: string };
        session = { ...session, ...parsed.session };
        scenario = this.scenarioOf(parsed.scenario);
      } catch (error) {
        if (error instanceof HttpError) throw error;
        throw new HttpError(400, 'The body is not valid JSON.');
      }
    }
    const token = this.mintLocal(scenario);
    sendJson(response, 200, { value: token.value, expires_at: token.expiresAt, session });
  }

  private async createCall(request: IncomingMessage, response: ServerResponse, target: RequestTarget): Promise<void> {
    // Spent on the first attempt, whatever follows: a token opens CALLS_PER_TOKEN calls at most.
    const token = this.options.tokens.consume(bearerOf(request));
    if (!token || token.scenario?.name === 'token_expired') {
      throw new HttpError(401, 'The ephemeral token is missing, unknown, expired or already used.');
    }
    const offer = await parseCallOffer(request.headers['content-type'] ?? '', await readBody(request));
    const offerSdp = offer.sdp;
    const problem = offerProblem(offerSdp);
    if (problem) throw new HttpError(400, problem);
    const settings = applySessionUpdate(defaultSessionSettings(target.searchParams.get('model') ?? undefined), offer.session);
    if (isRefusal(settings)) throw new HttpError(400, settings.message);
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
        settings,
      });
    } catch (error) {
      if (error instanceof CallClosedError) throw new HttpError(400, `${error.message} Only 127.0.0.1 candidates can connect.`);
      // werift's message names its internals, not the offer's fault: it goes to the log only.
      this.options.log.warn({ error: String(error) }, 'SDP offer could not be answered');
      throw new HttpError(400, 'The SDP offer could not be answered: check that it is a complete WebRTC offer with audio and a data channel.');
    }
    const { call, answerSdp } = answer;
    this.options.log.info({ call: call.id, scenario: token.scenario?.name ?? null }, 'call answered');
    response.writeHead(201, { 'Content-Type': 'application/sdp', Location: `/v1/realtime/calls/${call.id}` });
    response.end(answerSdp);
  }
}
