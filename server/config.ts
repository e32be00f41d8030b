/**
 * The kiosk server's settings, read once from the environment and checked before anything
 * starts. A bad value stops the server with a message naming the setting: the kiosk once
 * ran with `TOKEN_TTL_SECONDS=abc`, which silently made every token immortal.
 */

export type KioskMode = 'production' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface RateLimitConfig {
  /** Mints a client may make at once. */
  burst: number;
  /** Mints a client earns back per minute. */
  perMinute: number;
  /** Clients remembered at once; the least recently seen is forgotten first. */
  maxClients: number;
}

export interface KioskConfig {
  port: number;
  host: string;
  /** Vite's dev server with hot reload instead of the built dist/. */
  dev: boolean;
  /** `test` turns on fault scenarios and /api/debug/*; `npm run dev` and the e2e suite use it. */
  mode: KioskMode;
  /** Lets the page open its debug panel outside test mode, for a technician (never the scenario switch). */
  technicianDebug: boolean;
  logLevel: LogLevel;
  tokenTtlSeconds: number;
  /** Calls one local token may open. */
  callsPerToken: number;
  /** Local tokens alive at once; past it /api/session answers 503. */
  maxLiveTokens: number;
  sessionRateLimit: RateLimitConfig;
  /** Origins allowed to ask /api/session for a token; their hosts are the allowed Host headers. */
  allowedOrigins: string[];
  openAiApiKey: string | null;
  openAiModel: string;
  /** Where the OpenAI API is (a stand-in for tests, a proxy); https, or http on loopback only. */
  openAiBaseUrl: string;
  /** A client-secret request not answered by then fails with 504. */
  openAiTimeoutMs: number;
  /** Key the local `/v1/realtime/client_secrets` accepts; random per start unless set. */
  localApiKey: string | null;
  /** Bearer token for `/metrics` on the kiosk's port; null: not served there. */
  metricsToken: string | null;
  /** An internal listener serving `/metrics` without a token; null: none. */
  metricsAddress: { host: string; port: number } | null;
  /** Telemetry batches per kiosk id, and how many kiosk ids get their own label. */
  telemetryRateLimit: RateLimitConfig;
  telemetryMaxKiosks: number;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`voice-kiosk cannot start:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.problems = problems;
  }
}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const MODES: readonly KioskMode[] = ['production', 'test'];

type Env = Record<string, string | undefined>;

export function parseConfig(env: Env, argv: readonly string[] = []): KioskConfig {
  const problems: string[] = [];
  const integer = (name: string, fallback: number, min: number, max: number, unit: string): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(`${name}=${JSON.stringify(raw)} must be a whole number of ${unit} from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name}=${JSON.stringify(raw)} must be one of ${allowed.join(', ')}`);
    return fallback;
  };
  const flag = (name: string): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '' || raw === '0') return false;
    if (raw === '1') return true;
    problems.push(`${name}=${JSON.stringify(raw)} must be 1 or 0`);
    return false;
  };

  const dev = argv.includes('--dev');
  const port = integer('PORT', 5173, 1, 65_535, 'port');
  const host = env.HOST || '127.0.0.1';
  const telemetryMaxKiosks = integer('TELEMETRY_MAX_KIOSKS', 1_000, 1, 100_000, 'kiosks');
  const config: KioskConfig = {
    port,
    host,
    dev,
    mode: oneOf('KIOSK_MODE', MODES, dev ? 'test' : 'production'),
    technicianDebug: flag('KIOSK_TECHNICIAN_DEBUG'),
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    tokenTtlSeconds: integer('TOKEN_TTL_SECONDS', 60, 1, 3_600, 'seconds'),
    callsPerToken: integer('CALLS_PER_TOKEN', 1, 1, 10, 'calls'),
    maxLiveTokens: integer('MAX_LIVE_TOKENS', 10_000, 1, 1_000_000, 'tokens'),
    sessionRateLimit: {
      burst: integer('SESSION_RATE_BURST', 20, 1, 1_000_000, 'tokens'),
      perMinute: integer('SESSION_RATE_PER_MINUTE', 30, 1, 1_000_000, 'tokens per minute'),
      maxClients: integer('SESSION_RATE_MAX_CLIENTS', 10_000, 1, 1_000_000, 'clients'),
    },
    allowedOrigins: parseOrigins(env.ALLOWED_ORIGINS, host, port, problems),
    openAiApiKey: env.OPENAI_API_KEY || null,
    openAiModel: env.OPENAI_REALTIME_MODEL || 'gpt-realtime',
    openAiBaseUrl: parseOpenAiBaseUrl(env.OPENAI_BASE_URL, problems),
    openAiTimeoutMs: integer('OPENAI_TIMEOUT_MS', 5_000, 100, 60_000, 'milliseconds'),
    localApiKey: env.LOCAL_REALTIME_KEY || null,
    metricsToken: parseMetricsToken(env.METRICS_TOKEN, problems),
    metricsAddress: parseAddress('METRICS_ADDRESS', env.METRICS_ADDRESS, problems),
    telemetryRateLimit: {
      burst: integer('TELEMETRY_RATE_BURST', 30, 1, 1_000_000, 'batches'),
      perMinute: integer('TELEMETRY_RATE_PER_MINUTE', 60, 1, 1_000_000, 'batches per minute'),
      maxClients: telemetryMaxKiosks,
    },
    telemetryMaxKiosks,
  };
  if (config.metricsAddress && config.metricsAddress.port === port && config.metricsAddress.host === host) {
    problems.push(`METRICS_ADDRESS=${JSON.stringify(env.METRICS_ADDRESS)} must differ from the kiosk's own HOST:PORT`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** The page's own origin and loopback on the server's port, unless ALLOWED_ORIGINS lists others. */
function parseOrigins(raw: string | undefined, host: string, port: number, problems: string[]): string[] {
  if (raw === undefined || raw.trim() === '') {
    const loopback = ['127.0.0.1', 'localhost', '[::1]'];
    const own = host.includes(':') ? `[${host}]` : host;
    const wildcard = own === '0.0.0.0' || own === '[::]';
    const hosts = wildcard || loopback.includes(own) ? loopback : [own, ...loopback];
    return hosts.map((name) => `http://${name}:${port}`);
  }
  const origins: string[] = [];
  for (const entry of raw.split(',').map((part) => part.trim()).filter(Boolean)) {
    const origin = originOf(entry);
    if (origin) origins.push(origin);
    else problems.push(`ALLOWED_ORIGINS entry ${JSON.stringify(entry)} must be an origin such as http://kiosk.local:5173`);
  }
  return origins;
}

function originOf(entry: string): string | null {
  if (!URL.canParse(entry)) return null;
  const url = new URL(entry);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.pathname !== '/' || url.search || url.hash || url.username) return null;
  return url.origin;
}

/** Long enough that it cannot be guessed; a short one is refused rather than trusted. */
function parseMetricsToken(raw: string | undefined, problems: string[]): string | null {
  if (raw === undefined || raw === '') return null;
  if (raw.length < 16 || /\s/.test(raw)) {
    problems.push('METRICS_TOKEN must be at least 16 characters, with no spaces');
    return null;
  }
  return raw;
}

function parseAddress(name: string, raw: string | undefined, problems: string[]): { host: string; port: number } | null {
  if (raw === undefined || raw.trim() === '') return null;
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(raw.trim());
  const port = match ? Number(match[2]) : NaN;
  if (!match || port < 1 || port > 65_535) {
    problems.push(`${name}=${JSON.stringify(raw)} must be HOST:PORT, such as 10.0.0.5:9464`);
    return null;
  }
  return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
}

/** The API key travels to this address: never in clear text, except to this machine. */
function parseOpenAiBaseUrl(raw: string | undefined, problems: string[]): string {
  if (raw === undefined || raw.trim() === '') return 'https://api.openai.com';
  const url = URL.canParse(raw.trim()) ? new URL(raw.trim()) : null;
  const loopback = url !== null && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) || url.search || url.hash || url.username || url.password) {
    problems.push(`OPENAI_BASE_URL=${JSON.stringify(raw)} must be an https URL (http only on 127.0.0.1 or localhost), without query or credentials, such as https://api.openai.com`);
    return 'https://api.openai.com';
  }
  return url.toString().replace(/\/+$/, '');
}
