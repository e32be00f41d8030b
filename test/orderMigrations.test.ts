import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { readMigrations, splitStatements } from '../server/orders/migrations.ts';

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

function folderWith(files: Record<string, string>): string {
  dir = mkdtempSync(`${tmpdir()}/voice-kiosk-migrations-`);
  for (const [name, sql] of Object.entries(files)) writeFileSync(`${dir}/${name}`, sql);
  return dir;
}

describe('the order store migrations', () => {
  it('are the files in server/orders/migrations, numbered from 001 without gaps', async () => {
    const migrations = await readMigrations();
    expect(migrations.map((migration) => migration.version)).toEqual(migrations.map((_, index) => index + 1));
    expect(migrations[0]?.name).toBe('001_orders.sql');
  });

  it('refuses a folder with a gap or a badly named file, naming it', async () => {
    await expect(readMigrations(folderWith({ '001_a.sql': 'SELECT 1;', '003_c.sql': 'SELECT 1;' }))).rejects.toThrow(
      'migration 003_c.sql is out of sequence: expected 002',
    );
    await expect(readMigrations(folderWith({ '1_a.sql': 'SELECT 1;' }))).rejects.toThrow('migration file 1_a.sql is not named NNN_name.sql');
  });

  it('splits a file into statements at semicolons ending a line, dropping comment lines', () => {
    const sql = '-- orders\nCREATE TABLE a (\n  id int -- the key\n);\n\nCREATE INDEX b ON a (id);\n';
    expect(splitStatements(sql)).toEqual(['CREATE TABLE a (\n  id int -- the key\n)', 'CREATE INDEX b ON a (id)']);
  });
});
