/**
 * Every speech process the server spawns goes through here, so none outlives its
 * purpose: each has a timeout, dies when its session's signal aborts, and is killed on
 * shutdown (in-flight espeak-ng children were once orphaned by a restart). The live
 * count is what the resource report shows.
 */

import { execFile } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

const live = new Set<ChildProcess>();

export interface RunOptions {
  input?: Buffer;
  timeoutMs: number;
  signal?: AbortSignal;
  maxBufferBytes?: number;
}

/** Runs a command to completion and resolves with its stdout; settles only once the child has exited. */
export function runProcess(command: string, args: string[], options: RunOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new Error(`${command} cancelled`));
      return;
    }
    const child = execFile(
      command,
      args,
      {
        encoding: 'buffer',
        maxBuffer: options.maxBufferBytes ?? 64 * 1024 * 1024,
        timeout: options.timeoutMs,
        killSignal: 'SIGKILL',
        signal: options.signal,
      },
      (error, stdout) => {
        live.delete(child);
        if (error) reject(new Error(`${command} failed: ${error.message}`));
        else resolve(stdout);
      },
    );
    live.add(child);
    // A child killed before reading its input closes stdin under us: not an error of ours.
    child.stdin?.on('error', () => undefined);
    if (options.input) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

/** The pids of speech processes still running. */
export function liveChildPids(): number[] {
  return [...live].flatMap((child) => (child.pid === undefined ? [] : [child.pid]));
}

/** For shutdown: nothing spawned here survives the server. */
export function killAllChildren(): void {
  for (const child of live) child.kill('SIGKILL');
}
