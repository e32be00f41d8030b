/**
 * Requests written byte for byte over a TCP socket. fetch() normalises `..`, refuses bad
 * URLs and fixes headers before they leave, so it cannot send what an attacker sends.
 */

import { connect } from 'node:net';
import { LOOPBACK } from './kioskProcess.ts';

export interface RawAnswer {
  /** The status of the first response, or null when the server closed or went quiet without one. */
  status: number | null;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends `request` and reads until the server closes the socket or `timeoutMs` passes.
 * With `headersOnly`, stops as soon as the status and headers are in. The socket is not
 * half-closed: Node's server drops a reply still being prepared when the client sends FIN.
 */
export function sendRaw(port: number, request: string | Buffer, options: { timeoutMs?: number; headersOnly?: boolean } = {}): Promise<RawAnswer> {
  const { timeoutMs = 3_000, headersOnly = false } = options;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: LOOPBACK, port });
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parseAnswer(Buffer.concat(chunks).toString('latin1')));
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (headersOnly && Buffer.concat(chunks).includes('\r\n\r\n')) finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
  });
}

function parseAnswer(text: string): RawAnswer {
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  if (!match) return { status: null, headers: {}, body: text };
  const split = text.indexOf('\r\n\r\n');
  const head = split === -1 ? text : text.slice(0, split);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(match[1]), headers, body: split === -1 ? '' : text.slice(split + 4) };
}
