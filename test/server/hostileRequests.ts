/**
 * Hostile HTTP requests for the fuzz test: the probes that once crashed the server, then
 * random request lines, paths, headers and bodies from a seeded generator, so a failing
 * run can be replayed from its seed.
 */

import { createRng as seededRandom } from '../model/rng.ts';
import { OFFER_TEMPLATE } from './offerSdp.ts';

export interface HostileRequest {
  bytes: Buffer;
  method: string;
  path: string;
  /** False when the bytes stop mid-request: the server may rightly wait for the rest. */
  complete: boolean;
}

/** The probes from issue 7, and their relatives. */
export const KNOWN_PROBES: readonly string[] = [
  'GET /% HTTP/1.1',
  'GET /%ff HTTP/1.1',
  'GET /assets/% HTTP/1.1',
  'GET http://[::1 HTTP/1.1',
  'GET http://[::1]:80/%ff HTTP/1.1',
  'GET /..%2fdist-evil%2fsecret.txt HTTP/1.1',
  'GET /../../etc/passwd HTTP/1.1',
  'GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1',
  'GET /assets/..%2f..%2fpackage.json HTTP/1.1',
  'GET /%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd HTTP/1.1',
  'GET /index.html%00.js HTTP/1.1',
  'GET /%00 HTTP/1.1',
  'GET //etc/passwd HTTP/1.1',
  'GET /\\..\\..\\server\\index.ts HTTP/1.1',
  'GET * HTTP/1.1',
  'OPTIONS * HTTP/1.1',
  'CONNECT 127.0.0.1:22 HTTP/1.1',
  'GET /api/debug/calls HTTP/1.1',
  'GET /api%2fdebug%2fcalls HTTP/1.1',
  'GET /api/scenarios HTTP/1.1',
  'POST /api/session?scenario=session_error HTTP/1.1',
  'POST /api/session?scenario=% HTTP/1.1',
  'DELETE /api/session HTTP/1.1',
  'GET /api/session HTTP/1.1',
  'PUT /index.html HTTP/1.1',
  'TRACE / HTTP/1.1',
  `GET /${'a'.repeat(12_000)} HTTP/1.1`,
  'GET / HTTP/9.9',
  'GET / FTP/1.0',
];

const METHODS = ['GET', 'GET', 'GET', 'GET', 'HEAD', 'POST', 'POST', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND', 'G ET', 'get', '\u00e9'];
const SEGMENTS = [
  'api', 'session', 'v1', 'realtime', 'calls', 'client_secrets', 'assets', 'index.html', 'debug', 'scenarios', 'health',
  '..', '.', '%2e%2e', '%2f', '%5c', '%e2%80%ae', '%25', '~', '.git', 'dist-evil', 'secret.txt', 'node_modules',
  'package.json', '.env', 'a'.repeat(300), ';', '?', '#', '@', ':', 'index.html.map', 'assets/index.js.map',
];
/** Escapes that do not decode: one in a path must be a 400, wherever it sits. */
const BAD_ESCAPES = ['%', '%f', '%ff', '%00', '%c0%af', '%%32%65', '%u002e'];
const VERSIONS = ['HTTP/1.1', 'HTTP/1.1', 'HTTP/1.1', 'HTTP/1.1', 'HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/0.9', 'HTTP/1.1 extra', '', 'HTTP/1.1\t'];
const HOSTS = ['HOST_OK', 'HOST_OK', 'evil.example', '', 'localhost', '[::1', '127.0.0.1:1', 'a'.repeat(2_000), '127.0.0.1\r\nX-Injected: 1'];
const ORIGINS = ['ORIGIN_OK', 'null', 'http://evil.example', 'file://', '', 'http://127.0.0.1', 'javascript:alert(1)'];
const CONTENT_TYPES = ['application/sdp', 'application/json', 'text/plain', 'multipart/form-data; boundary=x', '', 'application/sdp; charset=\u00ff'];

export interface GeneratorContext {
  /** `127.0.0.1:<port>`, a Host the server accepts. */
  host: string;
  /** Live tokens, so some hostile offers reach the SDP parser. */
  tokens: readonly string[];
}

export function hostileRequests(count: number, seed: number, context: GeneratorContext): HostileRequest[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (p: number) => random() < p;
  const requests: HostileRequest[] = [];

  const randomBytes = (length: number) => Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));
  const randomPath = () => {
    const segments = Array.from({ length: 1 + Math.floor(random() * 5) }, () => pick(SEGMENTS));
    if (chance(0.15)) segments.push(encodeURIComponent(randomBytes(4).toString('latin1')));
    if (chance(0.15)) segments.splice(Math.floor(random() * segments.length), 0, pick(BAD_ESCAPES));
    const query = chance(0.2) ? `?${pick(['scenario', 'debug', 'x', '%', 'a[b]'])}=${pick(['session_error', '1', '%ff', '', 'slow_response:99999999'])}` : '';
    return `/${segments.join('/')}${query}`;
  };
  const randomBody = (): Buffer => {
    switch (Math.floor(random() * 7)) {
      case 6:
        // Over the 256 KB body limit.
        return Buffer.alloc(300 * 1024, 'v');
      case 0:
        return Buffer.alloc(0);
      case 1:
        return randomBytes(Math.floor(random() * 2_000));
      case 2:
        return Buffer.from(mutateOffer(random));
      case 3:
        return Buffer.from(`${'['.repeat(5_000)}${']'.repeat(5_000)}`);
      case 4:
        return Buffer.from(JSON.stringify({ session: { instructions: 'x'.repeat(5_000) }, scenario: pick(['session_error', '%', '']) }));
      default:
        return Buffer.from('v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 96\r\n');
    }
  };
  /** A well-formed request reaches the routes with hostile content; the rest also test Node's parser. */
  const headerLines = (body: Buffer, wellFormed: boolean): { lines: string[]; body: Buffer; complete: boolean } => {
    const lines: string[] = [];
    const host = wellFormed ? 'HOST_OK' : pick(HOSTS);
    if (wellFormed || chance(0.9)) lines.push(`Host: ${host === 'HOST_OK' ? context.host : host}`);
    if (chance(0.4)) {
      const origin = pick(ORIGINS);
      lines.push(`Origin: ${origin === 'ORIGIN_OK' ? `http://${context.host}` : origin}`);
    }
    if (chance(0.5)) lines.push(`Content-Type: ${pick(CONTENT_TYPES)}`);
    if (chance(0.5)) lines.push(`Authorization: ${chance(0.6) && context.tokens.length > 0 ? `Bearer ${pick(context.tokens)}` : pick(['Bearer', 'Bearer ', 'Basic Zm9vOmJhcg==', `Bearer ${'x'.repeat(5_000)}`])}`);
    let complete = true;
    let sent = body;
    if (wellFormed) {
      lines.push(`Content-Length: ${body.length}`, 'Connection: close');
      return { lines, body, complete };
    }
    if (chance(0.1)) lines.push(`X-Padding: ${'p'.repeat(Math.floor(random() * 20_000))}`);
    if (chance(0.05)) lines.push('Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==');
    if (chance(0.05)) lines.push('Transfer-Encoding: chunked', `Content-Length: ${body.length}`);
    const framing = random();
    if (framing < 0.75) lines.push(`Content-Length: ${body.length}`);
    else if (framing < 0.82) {
      lines.push(`Content-Length: ${body.length + 1 + Math.floor(random() * 100)}`);
      complete = false;
    } else if (framing < 0.88) lines.push(`Content-Length: ${pick(['-1', 'abc', '1e3', '99999999999999999999', ' 5', '0x10'])}`);
    else if (framing < 0.94) {
      lines.push('Transfer-Encoding: chunked');
      if (chance(0.5)) sent = Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]);
      else complete = false;
    }
    lines.push('Connection: close');
    return { lines, body: sent, complete };
  };

  for (const probe of KNOWN_PROBES) {
    const [method = '', path = ''] = probe.split(' ');
    requests.push({ bytes: Buffer.from(`${probe}\r\nHost: ${context.host}\r\nConnection: close\r\n\r\n`, 'latin1'), method, path, complete: true });
  }
  while (requests.length < count) {
    if (chance(0.05)) {
      // Not HTTP at all.
      requests.push({ bytes: Buffer.concat([randomBytes(1 + Math.floor(random() * 500)), Buffer.from('\r\n\r\n')]), method: '', path: '', complete: false });
      continue;
    }
    const wellFormed = chance(0.6);
    const method = wellFormed ? pick(['GET', 'GET', 'HEAD', 'POST', 'POST', 'POST', 'PUT', 'DELETE', 'OPTIONS']) : pick(METHODS);
    const path = chance(0.3) ? pick(['/api/session', '/v1/realtime/calls', '/v1/realtime/client_secrets', '/']) : randomPath();
    const body = method === 'GET' && chance(0.7) ? Buffer.alloc(0) : randomBody();
    const framed = headerLines(body, wellFormed);
    const version = wellFormed ? 'HTTP/1.1' : pick(VERSIONS);
    const head = Buffer.from(`${method} ${path} ${version}\r\n${framed.lines.join('\r\n')}\r\n\r\n`, 'latin1');
    requests.push({ bytes: Buffer.concat([head, framed.body]), method, path, complete: framed.complete });
  }
  return requests;
}

/** The offer with one thing broken: a line dropped, emptied, doubled, garbled or cut short. */
function mutateOffer(random: () => number): string {
  const lines = OFFER_TEMPLATE.split('\r\n');
  const index = Math.floor(random() * lines.length);
  switch (Math.floor(random() * 5)) {
    case 0:
      lines.splice(index, 1);
      break;
    case 1:
      lines[index] = (lines[index] ?? '').split(':')[0] ?? '';
      break;
    case 2:
      lines.splice(index, 0, lines[index] ?? '');
      break;
    case 3:
      lines[index] = `${lines[index] ?? ''}${'\u00ff'.repeat(1 + Math.floor(random() * 50))}`;
      break;
    default:
      return OFFER_TEMPLATE.slice(0, Math.floor(random() * OFFER_TEMPLATE.length));
  }
  return lines.join('\r\n');
}
