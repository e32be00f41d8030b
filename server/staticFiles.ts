/**
 * Serves the built kiosk (dist/) for `npm start` and the tests: files inside dist/ only,
 * index.html for page paths, and caching that lets a kiosk keep hashed assets forever
 * but always revalidate the page that names them.
 */

import { createReadStream, type Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import type { RequestTarget } from './http/requestTarget.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wav': 'audio/wav',
};

/** Vite names built assets `name-<hash>.ext`: their content never changes under that name. */
const HASHED_ASSET = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

type Found = { kind: 'file'; path: string; info: Stats } | { kind: 'outside' } | { kind: 'missing' };

export function createStaticHandler(root: string) {
  const base = resolve(root);

  /** The file the path names, if it is inside dist/ both as written and after following links. */
  async function locate(decodedPath: string): Promise<Found> {
    const candidate = resolve(base, `.${decodedPath}`);
    if (!isInside(base, candidate)) return { kind: 'outside' };
    const info = await stat(candidate).catch(() => null);
    if (!info?.isFile()) return { kind: 'missing' };
    // dist/ itself may be a link (a deploy step's choice); links inside it may not leave it.
    const [realBase, realFile] = await Promise.all([realpath(base), realpath(candidate)]).catch(() => [null, null]);
    if (!realBase || !realFile || !isInside(realBase, realFile)) return { kind: 'outside' };
    return { kind: 'file', path: realFile, info };
  }

  return async (request: IncomingMessage, response: ServerResponse, target: RequestTarget): Promise<void> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendText(response, 405, 'Method not allowed: the kiosk page is read with GET or HEAD.', { Allow: 'GET, HEAD' });
      return;
    }
    let found = await locate(target.decodedPath);
    if (found.kind === 'outside') {
      sendText(response, 403, 'Forbidden.');
      return;
    }
    // Only page paths fall back to the page: a missing script must be a 404, not HTML.
    const isPagePath = extname(target.decodedPath) === '';
    // A page of its own (`/kitchen` → kitchen.html) before the kiosk page.
    if (found.kind === 'missing' && isPagePath && target.decodedPath !== '/') found = await locate(`${target.decodedPath.replace(/\/+$/, '')}.html`);
    if (found.kind === 'missing' && isPagePath) found = await locate('/index.html');
    if (found.kind !== 'file') {
      sendText(response, 404, isPagePath ? 'Not built: run npm run build' : 'Not found.');
      return;
    }
    const type = CONTENT_TYPES[extname(found.path)] ?? 'application/octet-stream';
    response.writeHead(200, {
      'Content-Type': type,
      'Content-Length': found.info.size,
      'Cache-Control': HASHED_ASSET.test(target.decodedPath) ? IMMUTABLE : 'no-cache',
    });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    const stream = createReadStream(found.path);
    // A read error after the headers (the file replaced mid-deploy) ends this reply, not the process.
    stream.on('error', () => response.destroy());
    stream.pipe(response);
  };
}

function isInside(base: string, path: string): boolean {
  return path === base || path.startsWith(base.endsWith(sep) ? base : base + sep);
}

function sendText(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(text);
}
