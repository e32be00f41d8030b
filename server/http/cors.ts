/**
 * Cross-origin access to the local realtime endpoints (`/v1/realtime/*`), as the real
 * service allows it: any origin, no cookies, the bearer token in `Authorization`. A
 * browser page served from elsewhere (the official SDK on an app's own origin) must be
 * able to post its SDP offer and read the answer's `Location`, which names the call.
 *
 * Incident this prevents: the official SDK's transport, pointed at the local server
 * from another origin, failed before its first byte: no preflight route, no
 * `Access-Control-Allow-*` headers, so Chromium refused the offer POST.
 *
 * The kiosk's own `/api/session` never gets these headers: it mints tokens for its own
 * page only, and the browser's same-origin rule is part of that guard.
 */

import type { ServerResponse } from 'node:http';

/**
 * Request headers a cross-origin caller may send. `X-OpenAI-Agents-SDK` is the official
 * SDK's own; the `OpenAI-*` ones are what the service's other clients send.
 */
export const CORS_ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'X-OpenAI-Agents-SDK', 'OpenAI-Beta', 'OpenAI-Organization', 'OpenAI-Project'];

/** Response headers a cross-origin caller may read: the call's address and the rate-limit pause. */
export const CORS_EXPOSED_HEADERS = ['Location', 'Retry-After'];

/** How long a browser may reuse a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** Sets the headers every cross-origin response needs; call before the route answers. */
export function applyCorsHeaders(response: ServerResponse): void {
  response.setHeader('Access-Control-Allow-Origin', '*');
  response.setHeader('Access-Control-Expose-Headers', CORS_EXPOSED_HEADERS.join(', '));
}

/** Answers a preflight (`OPTIONS` with `Access-Control-Request-Method`) for a route accepting `methods`. */
export function answerPreflight(response: ServerResponse, methods: readonly string[]): void {
  applyCorsHeaders(response);
  const allowMethods = [...methods, 'OPTIONS'].join(', ');
  response.writeHead(204, {
    'Access-Control-Allow-Methods': allowMethods,
    'Access-Control-Allow-Headers': CORS_ALLOWED_HEADERS.join(', '),
    'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE_SECONDS),
    Allow: allowMethods,
    // The answer depends on what was asked; a shared cache must not reuse it for another ask.
    Vary: 'Access-Control-Request-Method, Access-Control-Request-Headers',
  });
  response.end();
}
