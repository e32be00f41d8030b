/** Asks the kiosk's own server for a short-lived realtime token. The API key never reaches the browser. */

import type { ConnectionCredentials } from '../../machines/voiceMachine.types.ts';
import { ConnectionError } from './webrtcConnection.ts';

export interface SessionResponseBody {
  value: string;
  expires_at: number | null;
  calls_url: string;
}

export async function fetchSessionCredentials(
  sessionUrl: string,
  scenario: string | null,
  signal: AbortSignal,
): Promise<ConnectionCredentials> {
  const url = new URL(sessionUrl, window.location.href);
  if (scenario) url.searchParams.set('scenario', scenario);
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', signal, headers: { Accept: 'application/json' } });
  } catch (error) {
    throw new ConnectionError('token_failed', `session endpoint unreachable: ${String(error)}`);
  }
  if (response.status === 401 || response.status === 403) {
    throw new ConnectionError('token_refused', `session endpoint refused (${response.status})`);
  }
  if (!response.ok) {
    throw new ConnectionError('token_failed', `session endpoint answered HTTP ${response.status}`);
  }
  let body: Partial<SessionResponseBody>;
  try {
    body = (await response.json()) as Partial<SessionResponseBody>;
  } catch {
    throw new ConnectionError('token_failed', 'session endpoint sent a body that is not JSON');
  }
  if (typeof body.value !== 'string' || typeof body.calls_url !== 'string') {
    throw new ConnectionError('token_failed', 'session endpoint sent no token');
  }
  return {
    token: body.value,
    callsUrl: new URL(body.calls_url, window.location.href).toString(),
    expiresAt: typeof body.expires_at === 'number' ? body.expires_at : null,
  };
}
