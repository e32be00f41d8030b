/**
 * A second origin for the conformance suite: a bare static server on its own port that
 * serves one empty page and the SDK bundle, nothing of the kiosk. A page loaded from
 * here talks to the kiosk server cross-origin, as a third-party app would.
 */

import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { basename } from 'node:path';

export interface ForeignOrigin {
  url: string;
  /** The path the bundle is served at. */
  bundlePath: string;
  close(): Promise<void>;
}

const PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Realtime SDK conformance</title></head><body><audio id="reply" autoplay></audio></body></html>';

export async function startForeignOrigin(port: number, bundleFile: string): Promise<ForeignOrigin> {
  const bundle = readFileSync(bundleFile);
  const bundlePath = `/${basename(bundleFile)}`;
  const server: Server = createServer((request, response) => {
    if (request.url === '/') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(PAGE);
    } else if (request.url === bundlePath) {
      response.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
      response.end(bundle);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${port}`,
    bundlePath,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
