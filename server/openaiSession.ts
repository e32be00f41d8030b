/** Mints an OpenAI Realtime client secret server-side, so the API key never reaches the browser. */

import { HttpError } from './http/httpResponses.ts';

export const OPENAI_CALLS_URL = 'https://api.openai.com/v1/realtime/calls';
const OPENAI_CLIENT_SECRETS_URL = 'https://api.openai.com/v1/realtime/client_secrets';
const MINT_TIMEOUT_MS = 5_000;

export interface OpenAiClientSecret {
  value: string;
  expires_at: number;
}

export async function mintOpenAiClientSecret(apiKey: string, model: string): Promise<OpenAiClientSecret> {
  const response = await fetch(OPENAI_CLIENT_SECRETS_URL, {
    method: 'POST',
    headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      expires_after: { anchor: 'created_at', seconds: 600 },
      session: { type: 'realtime', model },
    }),
    signal: AbortSignal.timeout(MINT_TIMEOUT_MS),
  }).catch((error: unknown) => {
    throw new HttpError(502, `OpenAI could not be reached: ${String(error)}`);
  });
  if (!response.ok) {
    throw new HttpError(response.status === 401 ? 502 : response.status, `OpenAI refused the client secret (HTTP ${response.status})`);
  }
  const body = (await response.json()) as Partial<OpenAiClientSecret>;
  if (typeof body.value !== 'string') throw new HttpError(502, 'OpenAI sent no client secret');
  return { value: body.value, expires_at: body.expires_at ?? 0 };
}
