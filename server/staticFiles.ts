/**
 * Serves the built kiosk (dist/) for `npm start` and the tests: files inside dist/ only,
 * index.html for page paths, caching that lets a kiosk keep hashed assets forever but
 * always revalidate the page that names them (an ETag makes that revalidation a 304), and
 * the build's precompressed `.br` / `.gz` copies to a browser that accepts them.
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
  '.webmanifest': 'application/manifest+json',
  '.wav': 'audio/wav',
};

/** Vite names built assets `name-<hash>.ext`: their content never changes under that name. */
const HASHED_ASSET = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

type Found = { kind: 'file'; path: string; info: Stats } | { kind: 'outside' } | { kind: 'missing' };

/** Precompressed copies the build writes next to a file, best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** The encodings a request's Accept-Encoding allows (a `q=0` refuses one). */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...parameters] = part.trim().toLowerCase().split(';');
    const quality = parameters.map((parameter) => /^\s*q=([0-9.]+)\s*$/.exec(parameter)?.[1]).find((value) => value !== undefined);
    if (name && (quality === undefined || Number(quality) > 0)) accepted.add(name);
  }
  return accepted;
}

/** Changes whenever the file does; one tag per encoding, since each is its own representation. */
function entityTag(info: Stats, encoding: string | null): string {
  return `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}${encoding ? `-${encoding}` : ''}"`;
}

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
    const variant = await compressedVariant(found.path, acceptedEncodings(request.headers['accept-encoding']));
    const body = variant ?? { path: found.path, info: found.info, encoding: null };
    const tag = entityTag(body.info, body.encoding);
    const headers: Record<string, string | number> = {
      'Content-Type': type,
      'Cache-Control': HASHED_ASSET.test(target.decodedPath) ? IMMUTABLE : 'no-cache',
      ETag: tag,
    };
    if (variant !== undefined || (await hasCompressedCopy(found.path))) headers.Vary = 'Accept-Encoding';
    if (body.encoding) headers['Content-Encoding'] = body.encoding;
    if (request.headers['if-none-match']?.split(',').some((candidate) => candidate.trim() === tag)) {
      response.writeHead(304, headers);
      response.end();
      return;
    }
    response.writeHead(200, { ...headers, 'Content-Length': body.info.size });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    const stream = createReadStream(body.path);
    // A read error after the headers (the file replaced mid-deploy) ends this reply, not the process.
    stream.on('error', () => response.destroy());
    stream.pipe(response);
  };
}

/** The best precompressed copy the browser accepts, if the build wrote one (a plain file, beside the original). */
async function compressedVariant(path: string, accepted: Set<string>): Promise<{ path: string; info: Stats; encoding: string } | undefined> {
  for (const encoding of ENCODINGS) {
    if (!accepted.has(encoding.name)) continue;
    const info = await stat(path + encoding.suffix).catch(() => null);
    if (info?.isFile()) return { path: path + encoding.suffix, info, encoding: encoding.name };
  }
  return undefined;
}

async function hasCompressedCopy(path: string): Promise<boolean> {
  const found = await Promise.all(ENCODINGS.map((encoding) => stat(path + encoding.suffix).then((info) => info.isFile()).catch(() => false)));
  return found.includes(true);
}

function isInside(base: string, path: string): boolean {
  return path === base || path.startsWith(base.endsWith(sep) ? base : base + sep);
}

function sendText(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(text);
}
