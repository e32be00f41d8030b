/** Bearer credentials: read from `Authorization`, compared in constant time. */

import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Compared in constant time, so response timing does not spell the key out a byte at a time. */
export function isKey(candidate: string | null, key: string): boolean {
  if (candidate === null) return false;
  const given = createHash('sha256').update(candidate).digest();
  return timingSafeEqual(given, createHash('sha256').update(key).digest());
}

export function bearerOf(request: IncomingMessage): string | null {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  return match?.[1]?.trim() ?? null;
}
