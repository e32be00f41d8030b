/**
 * The internal metrics listener (METRICS_ADDRESS, e.g. a management-network address):
 * `GET /metrics` with no token, nothing else. Bind it where only Prometheus can reach it.
 */

import { createServer, type Server } from 'node:http';
import type { ServerLogger } from '../log.ts';
import { METRICS_PATH, sendMetrics } from './metricsRoute.ts';

export function startMetricsListener(host: string, port: number, log: ServerLogger): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== METRICS_PATH || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Only GET /metrics is served here.\n');
      return;
    }
    sendMetrics(response).catch((error: unknown) => {
      log.error({ error: String(error) }, 'metrics failed');
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      log.info({ url: `http://${host}:${port}${METRICS_PATH}` }, 'metrics listener ready');
      resolve(server);
    });
  });
}
