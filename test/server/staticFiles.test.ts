import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRequestTarget } from '../../server/http/requestTarget.ts';
import { acceptedEncodings, createStaticHandler } from '../../server/staticFiles.ts';
import { precompressFile } from '../../scripts/precompress.ts';
import { LOOPBACK } from './kioskProcess.ts';
import { sendRaw } from './rawHttp.ts';

const SECRET = 'the-secret-next-door';
const HASHED_ASSET = '/assets/index-DNU_izbv.js';
/** Large enough to be worth compressing, like any real bundle. */
const BUNDLE = '/assets/ui-Bq3xk2Lw.js';
const BUNDLE_TEXT = `export const menu = ${JSON.stringify(Array.from({ length: 200 }, (_, index) => ({ id: index, name: `item ${index}` })))};`;

function get(port: number, target: string, method = 'GET', headers: Record<string, string> = {}) {
  const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  return sendRaw(port, `${method} ${target} HTTP/1.1\r\nHost: ${LOOPBACK}\r\n${extra}Connection: close\r\n\r\n`);
}

const bytesOf = (body: string) => Buffer.from(body, 'latin1');

describe('static files', () => {
  let folder: string;
  let server: Server;
  let port: number;

  beforeAll(async () => {
    // dist/ and a sibling whose name starts with "dist": a startsWith() check once served it.
    folder = mkdtempSync(join(tmpdir(), 'voice-kiosk-static-'));
    const dist = join(folder, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    mkdirSync(join(folder, 'dist-evil'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>kiosk</title>');
    writeFileSync(join(dist, HASHED_ASSET), 'console.log("kiosk")');
    writeFileSync(join(dist, BUNDLE), BUNDLE_TEXT);
    precompressFile(join(dist, BUNDLE));
    writeFileSync(join(folder, 'dist-evil', 'secret.txt'), SECRET);
    symlinkSync(join(folder, 'dist-evil', 'secret.txt'), join(dist, 'linked-secret.txt'));
    symlinkSync(join(folder, 'dist-evil'), join(dist, 'linked-folder'));
    const handler = createStaticHandler(dist);
    server = createServer((request, response) => {
      const target = parseRequestTarget(request.url);
      if (!target) response.writeHead(400).end();
      else void handler(request, response, target);
    });
    await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    rmSync(folder, { recursive: true, force: true });
  });

  it.each([
    '/..%2fdist-evil%2fsecret.txt',
    '/../dist-evil/secret.txt',
    '/%2e%2e/dist-evil/secret.txt',
    '/assets/..%2f..%2fdist-evil%2fsecret.txt',
    '/linked-secret.txt',
    '/linked-folder/secret.txt',
    '/linked-folder',
  ])('never serves a file outside dist/: %s', async (target) => {
    const answer = await get(port, target);
    expect(answer.body).not.toContain(SECRET);
    if (answer.status === 200) expect(answer.body).toContain('<title>kiosk</title>');
    else expect(answer.status).toBeGreaterThanOrEqual(400);
  });

  it('serves the page with no-cache and hashed assets as immutable', async () => {
    const page = await get(port, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    const asset = await get(port, HASHED_ASSET);
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers a missing script with 404, not the page', async () => {
    expect((await get(port, '/assets/missing-12345678.js')).status).toBe(404);
    expect((await get(port, '/some/page')).status).toBe(200);
  });

  it('answers other methods with 405 and Allow', async () => {
    const answer = await get(port, '/', 'POST');
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD');
  });

  it('answers HEAD with the headers and no body', async () => {
    const answer = await get(port, '/', 'HEAD');
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('');
  });

  it('sends the brotli copy to a browser that accepts it, the gzip copy to one that takes only gzip, and the file to others', async () => {
    const brotli = await get(port, BUNDLE, 'GET', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers.vary).toBe('Accept-Encoding');
    expect(brotli.headers['content-type']).toMatch(/^text\/javascript/);
    expect(brotliDecompressSync(bytesOf(brotli.body)).toString()).toBe(BUNDLE_TEXT);
    expect(Number(brotli.headers['content-length'])).toBeLessThan(BUNDLE_TEXT.length / 3);

    const gzip = await get(port, BUNDLE, 'GET', { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(bytesOf(gzip.body)).toString()).toBe(BUNDLE_TEXT);

    const plain = await get(port, BUNDLE, 'GET', { 'Accept-Encoding': 'br;q=0, gzip;q=0' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.body).toBe(BUNDLE_TEXT);
    expect((await get(port, BUNDLE)).body).toBe(BUNDLE_TEXT);
  });

  it('keeps a compressed hashed asset immutable and answers a revalidation of the page with 304', async () => {
    const asset = await get(port, BUNDLE, 'GET', { 'Accept-Encoding': 'br' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await get(port, '/');
    const tag = page.headers.etag;
    expect(tag).toMatch(/^W\/"/);
    const again = await get(port, '/', 'GET', { 'If-None-Match': tag! });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    expect((await get(port, '/', 'GET', { 'If-None-Match': 'W/"stale"' })).status).toBe(200);
  });

  it('reads Accept-Encoding as browsers and proxies write it', () => {
    expect([...acceptedEncodings('gzip, deflate, br, zstd')]).toEqual(['gzip', 'deflate', 'br', 'zstd']);
    expect([...acceptedEncodings('br;q=0, gzip; q=0.5')]).toEqual(['gzip']);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
    expect([...acceptedEncodings('BR')]).toEqual(['br']);
  });
});
