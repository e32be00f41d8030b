/**
 * Applies the versioned files in `migrations/` (`NNN_name.sql`, in number order) that the
 * database has not seen, each in its own transaction with its version recorded. Servers
 * starting at once on one PostgreSQL take turns on an advisory lock, so each file runs once.
 */

import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { OrderDatabase } from './orderDatabase.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const MIGRATION_FILE = /^(\d{3})_[a-z0-9_]+\.sql$/;
/** Any fixed number: every kiosk server asks for the same lock. */
const MIGRATION_LOCK = 7_214_001;

const SCHEMA_MIGRATIONS_TABLE =
  'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const name of names) {
    const match = MIGRATION_FILE.exec(name);
    if (!match?.[1]) throw new Error(`migration file ${name} is not named NNN_name.sql`);
    migrations.push({ version: Number(match[1]), name, sql: await readFile(`${dir}/${name}`, 'utf8') });
  }
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`migration ${migration.name} is out of sequence: expected ${String(index + 1).padStart(3, '0')}`);
  });
  return migrations;
}

/** The versions applied by this call (empty when the database was up to date). */
export async function migrate(db: OrderDatabase, migrations: Migration[]): Promise<number[]> {
  const applied: number[] = [];
  for (const migration of migrations) {
    const ran = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await tx.query(SCHEMA_MIGRATIONS_TABLE);
      const seen = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (seen.length > 0) return false;
      // Statement by statement: a parameterised query runs one statement only.
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  return applied;
}

/** Splits on `;` at line ends; the migration files keep to that (no functions with bodies). */
export function splitStatements(sql: string): string[] {
  return sql
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n')
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}
