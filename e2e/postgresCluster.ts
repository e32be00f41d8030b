/**
 * A throwaway PostgreSQL cluster from Debian's package for a test: initdb into a temp
 * folder, a server on 127.0.0.1 only, and `stop()` that shuts it down and removes the
 * folder. PostgreSQL refuses to run as root, so as root the cluster belongs to the
 * `postgres` user the package creates (through runuser).
 */

import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const BIN = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';

function ownerUid(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

export class PostgresCluster {
  readonly port: number;
  readonly url: string;
  private readonly owner = ownerUid();
  /** Made by `start()`, not on construction: Playwright loads a spec file in processes that never run it. */
  private dir = '';
  private postmasterPid: number | null = null;

  constructor(port: number) {
    this.port = port;
    this.url = `postgresql://kiosk@127.0.0.1:${port}/postgres`;
  }

  private run(program: string, args: string[]): string {
    const command = this.owner ? ['runuser', '-u', 'postgres', '--', `${BIN}/${program}`, ...args] : [`${BIN}/${program}`, ...args];
    return execFileSync(command[0]!, command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  }

  start(): void {
    this.dir = mkdtempSync(`${tmpdir()}/voice-kiosk-pg-`);
    if (this.owner) chownSync(this.dir, this.owner.uid, this.owner.gid);
    // Trust on loopback: a test cluster with no password, reachable from this machine only.
    this.run('initdb', ['-D', `${this.dir}/data`, '-U', 'kiosk', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    this.run('pg_ctl', [
      '-D', `${this.dir}/data`, '-l', `${this.dir}/server.log`, '-w', '-t', '30',
      '-o', `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
    this.postmasterPid = Number(readFileSync(`${this.dir}/data/postmaster.pid`, 'utf8').split('\n')[0]);
  }

  /** True while the cluster's postmaster process lives (a zombie waiting to be reaped does not count). */
  running(): boolean {
    if (this.postmasterPid === null) return false;
    try {
      const stat = readFileSync(`/proc/${this.postmasterPid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
    } catch {
      return false;
    }
  }

  stop(): void {
    if (!this.dir) return;
    if (existsSync(`${this.dir}/data/postmaster.pid`)) this.run('pg_ctl', ['-D', `${this.dir}/data`, '-m', 'fast', '-w', 'stop']);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
