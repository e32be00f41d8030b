/** The kiosk server's error type and JSON replies, shared by every route and the last-resort handler. */

import type { ServerResponse } from 'node:http';

export class HttpError extends Error {
  readonly status: number;
  /** Extra response headers, such as `Retry-After` or `Allow`. */
  readonly headers: Record<string, string>;
  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}

/** The shape the real service uses for errors, so one client parser reads both. */
export function errorBody(code: string, message: string): Record<string, unknown> {
  return { error: { type: 'invalid_request_error', code, message, param: null } };
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}

export function sendError(response: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  if (response.headersSent) {
    // Too late for a status: end the reply so the client is not left waiting.
    response.destroy();
    return;
  }
  sendJson(response, status, errorBody(code, message), headers);
}
