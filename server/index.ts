/**
 * Starts the kiosk server: the app's API, the local realtime server, and the page
 * itself (Vite middleware with `--dev`, the built dist/ otherwise). Binds to loopback.
 */

import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { ConfigError, parseConfig, type KioskConfig } from './config.ts';
import { KioskHttpApp } from './httpApp.ts';
import { sendError } from './http/httpResponses.ts';
import { OriginPolicy } from './http/originPolicy.ts';
import { ClientRateLimiter } from './http/rateLimit.ts';
import { parseRequestTarget, type RequestTarget } from './http/requestTarget.ts';
import { securityHeaders } from './http/securityHeaders.ts';
import { createServerLogger } from './log.ts';
import { startMetricsListener } from './metrics/metricsListener.ts';
import { createMetricsRoute } from './metrics/metricsRoute.ts';
import { registry, speechObserver } from './metrics/serverMetrics.ts';
import { FleetMetrics } from './telemetry/fleetMetrics.ts';
import { createTelemetryRoute } from './telemetry/telemetryRoute.ts';
import { MenuAgent } from './agent/menuAgent.ts';
import { openAiEndpoints } from './openaiSession.ts';
import { kioskSessionConfig } from '../src/voice/sessionConfig.ts';
import { installProcessGuards } from './processGuards.ts';
import { PocketsphinxRecognizer } from './speech/pocketsphinxRecognizer.ts';
import { EspeakSynthesizer } from './speech/speechSynthesizer.ts';
import { killAllChildren } from './speech/childProcesses.ts';
import { readRealtimeSettings, type RealtimeSettings } from './realtime/realtimeSettings.ts';
import { createOrderService } from './orders/orderService.ts';
import { readOrderSettings, type OrderSettings } from './orders/orderSettings.ts';
import { createStaticHandler } from './staticFiles.ts';
import { TokenStore } from './tokens.ts';

/** A request whose headers take longer than this is a slow-loris, not a kiosk. */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** How often Node checks those timeouts (its default, 30 s, would let a slow request run 40 s). */
const TIMEOUT_CHECK_MS = 2_000;

function readRealtimeConfig(): RealtimeSettings {
  try {
    return readRealtimeSettings(process.env);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
}

function readConfig(): KioskConfig {
  try {
    return parseConfig(process.env, process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}

function readOrderConfig(testMode: boolean): OrderSettings {
  try {
    return readOrderSettings(process.env, root, testMode);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
}

const root = fileURLToPath(new URL('..', import.meta.url));
const config = readConfig();
const realtime = readRealtimeConfig();
const orderSettings = readOrderConfig(config.mode === 'test');
const log = createServerLogger(config.logLevel);
installProcessGuards(log);
const originPolicy = new OriginPolicy(config.allowedOrigins);
const orders = createOrderService(orderSettings, { log, originPolicy, testMode: config.mode === 'test' });

const speechLimits = { maxProcesses: realtime.speechProcesses, maxWaiting: realtime.speechQueue };
// One recognizer for the process: it holds the grammar generated from the menu.
const recognizer = new PocketsphinxRecognizer({ ...speechLimits, language: realtime.recognizerLanguage, acousticModel: realtime.acousticModel, observer: speechObserver('recognizer') });
const app = new KioskHttpApp({
  tokens: new TokenStore({
    ttlSeconds: config.tokenTtlSeconds,
    callsPerToken: config.callsPerToken,
    maxLiveTokens: config.maxLiveTokens,
  }),
  createRecognizer: () => recognizer,
  createAgent: () => new MenuAgent(),
  synthesizer: new EspeakSynthesizer({ ...speechLimits, observer: speechObserver('synthesizer') }),
  log,
  openAiApiKey: config.openAiApiKey,
  openAiMint: {
    model: config.openAiModel,
    session: kioskSessionConfig(),
    endpoints: openAiEndpoints(config.openAiBaseUrl),
    timeoutMs: config.openAiTimeoutMs,
  },
  localApiKey: config.localApiKey ?? randomBytes(16).toString('hex'),
  testMode: config.mode === 'test',
  technicianDebug: config.technicianDebug,
  originPolicy,
  sessionRateLimiter: new ClientRateLimiter(config.sessionRateLimit),
  callLimits: { connectTimeoutMs: realtime.connectTimeoutMs, maxSessionMs: realtime.maxSessionMs, dtlsSetup: realtime.dtlsSetup },
  telemetryRoute: createTelemetryRoute({
    fleet: new FleetMetrics(registry, config.telemetryMaxKiosks, log),
    originPolicy,
    rateLimiter: new ClientRateLimiter(config.telemetryRateLimit),
  }),
  metricsRoute: createMetricsRoute(config.metricsToken),
  extraRoutes: orders.routes,
});
const metricsListener = config.metricsAddress
  ? await startMetricsListener(config.metricsAddress.host, config.metricsAddress.port, log).catch((error: NodeJS.ErrnoException) => {
      process.stderr.write(`voice-kiosk cannot listen on METRICS_ADDRESS ${config.metricsAddress?.host}:${config.metricsAddress?.port}: ${error.code ?? error.message}\n`);
      process.exit(2);
    })
  : null;
const headers = securityHeaders({
  realtimeOrigin: config.openAiApiKey ? new URL(openAiEndpoints(config.openAiBaseUrl).calls).origin : null,
  dev: config.dev,
});

type PageHandler = (request: IncomingMessage, response: ServerResponse, target: RequestTarget) => Promise<void> | void;
let servePage: PageHandler;
let closeDev: (() => Promise<void>) | null = null;
if (config.dev) {
  const { createServer: createViteServer } = await import('vite');
  const vite = await createViteServer({ root, server: { middlewareMode: true }, appType: 'spa' });
  servePage = (request, response, target) => {
    // The kitchen display is its own page; Vite's SPA fallback would answer /kitchen with the kiosk.
    if (target.pathname === '/kitchen') request.url = `/kitchen.html${target.searchParams.size > 0 ? `?${target.searchParams.toString()}` : ''}`;
    vite.middlewares(request, response);
  };
  closeDev = () => vite.close();
} else {
  servePage = createStaticHandler(`${root}/dist`);
}

async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  const target = parseRequestTarget(request.url);
  if (!target) {
    sendError(response, 400, 'invalid_request_target', 'The request target is not a valid, percent-decodable path.');
    return;
  }
  if (await app.handle(request, response, target)) return;
  await servePage(request, response, target);
}

const server = createServer({ connectionsCheckingInterval: TIMEOUT_CHECK_MS }, (request, response) => {
  // The last resort: a handler that throws answers 500 and the kiosk keeps serving.
  handleRequest(request, response).catch((error: unknown) => {
    log.error({ method: request.method, url: request.url, error: error instanceof Error ? error.stack : String(error) }, 'request handler failed');
    sendError(response, 500, 'internal_error', 'The server failed to answer this request.');
  });
});
// Node closes a CONNECT it has no listener for without a word; say why instead.
server.on('connect', (_request: IncomingMessage, socket: Duplex) => {
  socket.on('error', () => socket.destroy());
  socket.end('HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD, POST\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
});
server.headersTimeout = HEADERS_TIMEOUT_MS;
server.requestTimeout = REQUEST_TIMEOUT_MS;

server.once('error', (error: NodeJS.ErrnoException) => {
  // Before listening, the only errors are the address's: in use, or not this machine's.
  process.stderr.write(`voice-kiosk cannot listen on ${config.host}:${config.port}: ${error.code ?? error.message}\n`);
  process.exit(2);
});
server.listen(config.port, config.host, () => {
  log.info(
    { url: `http://${config.host}:${config.port}/`, mode: config.openAiApiKey ? 'openai' : 'local', kioskMode: config.mode, dev: config.dev },
    'voice kiosk ready',
  );
  // Opened now, not at the first order, so a store that cannot open is known at once; an
  // in-memory one (the unit tests' servers) waits until something uses it.
  if (orderSettings.databaseUrl || !orderSettings.dataDir.startsWith('memory://')) {
    orders.warm().catch((error: unknown) => {
      const where = orderSettings.databaseUrl ? 'DATABASE_URL' : `ORDERS_DATA_DIR (${orderSettings.dataDir})`;
      log.fatal({ error: String(error) }, 'order store cannot open');
      process.stderr.write(`voice-kiosk cannot open the order store at ${where}: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(2);
    });
  }
});

async function shutdown(signal: string): Promise<void> {
  log.info({ signal }, 'shutting down');
  app.closeAll();
  killAllChildren();
  recognizer.dispose();
  server.close();
  metricsListener?.close();
  await orders.close();
  await closeDev?.();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
