/**
 * `GET /metrics` in Prometheus text format. The figures say how busy the kiosk is and
 * how it fails, which is nobody's business on the shop floor: on the kiosk's own port
 * they need `Authorization: Bearer $METRICS_TOKEN`; without a token set they are served
 * only by the internal listener (METRICS_ADDRESS), and here answer 404.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerOf, isKey } from '../http/bearer.ts';
import { HttpError } from '../http/httpResponses.ts';
import { registry } from './serverMetrics.ts';

export const METRICS_PATH = '/metrics';

export async function sendMetrics(response: ServerResponse): Promise<void> {
  const text = await registry.metrics();
  response.writeHead(200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' });
  response.end(text);
}

/** The handler for the kiosk's public port: bearer token only. */
export function createMetricsRoute(token: string | null) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (token === null) throw new HttpError(404, 'Metrics are not served here: set METRICS_TOKEN, or scrape METRICS_ADDRESS.');
    if (!isKey(bearerOf(request), token)) {
      throw new HttpError(401, 'Metrics need Authorization: Bearer with METRICS_TOKEN.', { 'WWW-Authenticate': 'Bearer realm="metrics"' });
    }
    await sendMetrics(response);
  };
}
