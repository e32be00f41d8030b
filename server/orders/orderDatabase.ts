/**
 * The one seam between the order store and PostgreSQL: the embedded PGlite (default,
 * data in a folder) or a PostgreSQL server (`DATABASE_URL`, through `pg`). Both run the
 * same SQL; only connecting, transactions and LISTEN differ, and they differ here.
 */

import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface SqlRunner {
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
}

export interface OrderDatabase extends SqlRunner {
  readonly kind: 'pglite' | 'postgresql';
  /** Runs several statements with no parameters (a migration file). */
  exec(sql: string): Promise<void>;
  /** BEGIN … COMMIT on one connection; ROLLBACK when `work` throws. */
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /** Calls `onNotify` for every NOTIFY on the channel, from any server on the same database. */
  listen(channel: string, onNotify: () => void): Promise<void>;
  close(): Promise<void>;
}

export async function openPglite(dataDir: string): Promise<OrderDatabase> {
  if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const unlisteners: (() => Promise<void>)[] = [];
  return {
    kind: 'pglite',
    query: async <Row>(sql: string, params: unknown[] = []) => (await db.query<Row>(sql, params)).rows,
    exec: async (sql) => {
      await db.exec(sql);
    },
    transaction: (work) => db.transaction((tx) => work({ query: async <Row>(sql: string, params: unknown[] = []) => (await tx.query<Row>(sql, params)).rows })),
    listen: async (channel, onNotify) => {
      unlisteners.push(await db.listen(channel, () => onNotify()));
    },
    close: async () => {
      for (const unlisten of unlisteners.splice(0)) await unlisten();
      await db.close();
    },
  };
}

export async function openPostgres(connectionString: string, onConnectionError: (error: Error) => void): Promise<OrderDatabase> {
  const pool = new pg.Pool({ connectionString, max: 5 });
  // An idle client losing its server is reported here; without a listener it would end the process.
  pool.on('error', onConnectionError);
  // LISTEN needs a connection of its own that stays open: pooled ones come and go.
  let listener: pg.Client | null = null;
  await pool.query('SELECT 1');
  return {
    kind: 'postgresql',
    query: async <Row>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as Row[],
    exec: async (sql) => {
      await pool.query(sql);
    },
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({ query: async <Row>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as Row[] });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    listen: async (channel, onNotify) => {
      if (!listener) {
        listener = new pg.Client({ connectionString });
        listener.on('error', onConnectionError);
        await listener.connect();
      }
      listener.on('notification', (message) => {
        if (message.channel === channel) onNotify();
      });
      await listener.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    },
    close: async () => {
      await listener?.end().catch(() => undefined);
      await pool.end();
    },
  };
}
