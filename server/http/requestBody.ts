/** Reads a request body whole, bounded: too large is a 413, a body cut off is a 400. */

import type { IncomingMessage } from 'node:http';
import { HttpError } from './httpResponses.ts';

const MAX_BODY_BYTES = 256 * 1024;

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > MAX_BODY_BYTES) throw new HttpError(413, 'The request body is too large.');
      chunks.push(buffer);
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, 'The request body did not arrive whole.');
  }
  return Buffer.concat(chunks).toString('utf8');
}
