/** Counts what `/api/session` does with each request: a token minted, or refused and why. */

import { HttpError } from '../http/httpResponses.ts';
import { TOKEN_REFUSAL_REASONS, tokensMinted, tokensRefused, type TokenRefusalReason } from './serverMetrics.ts';

function refusalReason(error: unknown): TokenRefusalReason {
  if (!(error instanceof HttpError)) return 'other';
  if (error.status === 403) return error.message.startsWith('Fault scenarios') ? 'scenario_refused' : 'origin';
  if (error.status === 429) return 'rate_limited';
  if (error.status === 503) return 'live_tokens_full';
  if (error.status === 502 || error.status === 504) return 'upstream_failed';
  return 'other';
}

/** Wraps the session route: the outcome is counted, the handler's answer is unchanged. */
export function countTokenRequests<Args extends unknown[]>(mode: 'local' | 'openai', handler: (...args: Args) => Promise<void>) {
  // At zero from the start: increase() cannot count a series' first sample.
  tokensMinted.inc({ mode }, 0);
  for (const reason of TOKEN_REFUSAL_REASONS) tokensRefused.inc({ reason }, 0);
  return async (...args: Args): Promise<void> => {
    try {
      await handler(...args);
      tokensMinted.inc({ mode });
    } catch (error) {
      tokensRefused.inc({ reason: refusalReason(error) });
      throw error;
    }
  };
}
