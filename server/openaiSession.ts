/**
 * Mints an OpenAI Realtime client secret server-side, so the API key never reaches the
 * browser. The request carries the whole push-to-talk session (instructions, the menu's
 * tools, input transcription, no server VAD), so a session is right from its first event.
 *
 * A failure is told to the kiosk as one it can retry, never as a refusal of its own: a
 * 401 from OpenAI is this server's key, not the kiosk's token (502); OpenAI's 429 keeps
 * its Retry-After; no answer in time is 504.
 */

import { buildSessionUpdate, type SessionConfig } from '../src/protocol/realtimeEvents.ts';
import { HttpError } from './http/httpResponses.ts';

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com';
/** Client secrets live 10 minutes: long enough for a slow connect, short enough to be worthless if copied. */
const SECRET_TTL_SECONDS = 600;

export interface OpenAiEndpoints {
  clientSecrets: string;
  calls: string;
}

export function openAiEndpoints(baseUrl: string = OPENAI_DEFAULT_BASE_URL): OpenAiEndpoints {
  const base = baseUrl.replace(/\/+$/, '');
  return { clientSecrets: `${base}/v1/realtime/client_secrets`, calls: `${base}/v1/realtime/calls` };
}

export interface OpenAiClientSecret {
  value: string;
  expires_at: number;
}

export interface MintOptions {
  apiKey: string;
  model: string;
  session: SessionConfig;
  endpoints: OpenAiEndpoints;
  timeoutMs: number;
}

/** The GA `POST /v1/realtime/client_secrets` body for the kiosk's session. */
export function clientSecretRequest(model: string, session: SessionConfig): Record<string, unknown> {
  const { session: config } = buildSessionUpdate(session) as { session: Record<string, unknown> };
  return {
    expires_after: { anchor: 'created_at', seconds: SECRET_TTL_SECONDS },
    session: { ...config, model },
  };
}

export async function mintOpenAiClientSecret(options: MintOptions): Promise<OpenAiClientSecret> {
  const response = await fetch(options.endpoints.clientSecrets, {
    method: 'POST',
    headers: { Authorization: `Bearer ${options.apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(clientSecretRequest(options.model, options.session)),
    signal: AbortSignal.timeout(options.timeoutMs),
  }).catch((error: unknown) => {
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new HttpError(504, `OpenAI did not answer within ${options.timeoutMs} ms: try again.`);
    }
    // The cause (refused, DNS) without the request, which carries the key.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : 'network error';
    throw new HttpError(502, `OpenAI could not be reached (${cause}): try again.`);
  });
  if (!response.ok) {
    await response.body?.cancel();
    if (response.status === 429) {
      const retryAfter = response.headers.get('retry-after');
      throw new HttpError(429, 'OpenAI is rate limiting this server: try again shortly.', retryAfter ? { 'Retry-After': retryAfter } : {});
    }
    const whose = response.status === 401 || response.status === 403 ? ' (check OPENAI_API_KEY)' : '';
    throw new HttpError(502, `OpenAI refused the client secret (HTTP ${response.status})${whose}: try again.`);
  }
  const body = (await response.json().catch(() => ({}))) as Partial<OpenAiClientSecret>;
  if (typeof body.value !== 'string') throw new HttpError(502, 'OpenAI sent no client secret: try again.');
  return { value: body.value, expires_at: body.expires_at ?? 0 };
}
