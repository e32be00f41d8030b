/**
 * The recognizer's scratch folder in the temp directory. Its name carries the server's
 * pid, so a later start can tell a crashed server's folder (pid gone: removed) from a
 * running one's (another kiosk server on the same machine: left alone). Before this,
 * every crash left a `voice-kiosk-asr-*` folder behind for good.
 */

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, just not ours.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes `<prefix>-<pid>-*` folders whose server is no longer running; returns how many. */
export function removeStaleWorkDirs(prefix: string, parent = tmpdir()): number {
  const pattern = new RegExp(`^${prefix}-(\\d+)-`);
  let removed = 0;
  for (const name of readdirSync(parent)) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || isRunning(pid)) continue;
    rmSync(join(parent, name), { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}

/** A fresh folder for this process, removed when the process exits however it exits short of SIGKILL. */
export function createWorkDir(prefix: string): string {
  removeStaleWorkDirs(prefix);
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-${process.pid}-`));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
