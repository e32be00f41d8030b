/**
 * Where orders are stored, from the environment, checked at start-up: `DATABASE_URL`
 * (a PostgreSQL server several kiosk servers share) or the embedded database's folder.
 */

import { resolve } from 'node:path';

export interface OrderSettings {
  /** DATABASE_URL: a postgres:// URL; null keeps the orders in the embedded PGlite. */
  databaseUrl: string | null;
  /** ORDERS_DATA_DIR: the embedded database's folder (default data/orders under the project); `memory://` keeps nothing. */
  dataDir: string;
  /** ORDERS_ACK_DELAY_MS (test mode only): the pause between storing an order and answering, for kill tests. */
  ackDelayMs: number;
}

export function readOrderSettings(env: NodeJS.ProcessEnv, projectRoot: string, testMode: boolean): OrderSettings {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL.');
  }
  const rawDelay = env.ORDERS_ACK_DELAY_MS ?? '';
  let ackDelayMs = 0;
  if (rawDelay !== '') {
    if (!testMode) throw new Error('ORDERS_ACK_DELAY_MS is a test setting: it needs KIOSK_MODE=test.');
    ackDelayMs = Number(rawDelay);
    if (!Number.isInteger(ackDelayMs) || ackDelayMs < 0 || ackDelayMs > 60_000) {
      throw new Error(`ORDERS_ACK_DELAY_MS must be a whole number from 0 to 60000; got '${rawDelay}'.`);
    }
  }
  return {
    databaseUrl,
    dataDir: dataDirOf(env.ORDERS_DATA_DIR?.trim() || 'data/orders', projectRoot),
    ackDelayMs,
  };
}

/** A folder, relative to the project; `memory://` (tests that need no orders kept) as it is. */
function dataDirOf(value: string, projectRoot: string): string {
  return value.startsWith('memory://') ? value : resolve(projectRoot, value);
}
