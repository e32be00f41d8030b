/**
 * A real kiosk server process for tests: `tsx server/index.ts` on a free loopback port,
 * in its own process group (so stop() reaches tsx's node child), with --expose-gc so
 * /api/debug/resources reports the heap after a collection.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { ResourceReport } from '../../server/realtime/resourceReport.ts';

/**
 * Test mode (the debug endpoints answer) and a token rate limit these tests cannot hit:
 * the leak test mints a token for each of its hundreds of calls.
 */
const TEST_SERVER_ENV = {
  HOST: '127.0.0.1',
  LOG_LEVEL: 'error',
  NODE_OPTIONS: '--expose-gc',
  KIOSK_MODE: 'test',
  SESSION_RATE_BURST: '1000000',
  SESSION_RATE_PER_MINUTE: '1000000',
};

export interface KioskServerProcess {
  url: string;
  child: ChildProcess;
  /** The end of what the server printed (its log and any crash), for a failing test's message. */
  output: () => string;
  /** The server's resource report; `collect` runs a full GC first (for heap figures). */
  resources: (collect?: boolean) => Promise<ResourceReport>;
  isRunning: () => boolean;
  stop: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function startKioskServer(env: Record<string, string> = {}): Promise<KioskServerProcess> {
  const port = await freePort();
  const child = spawn('npx', ['tsx', 'server/index.ts'], {
    env: { ...process.env, ...TEST_SERVER_ENV, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-50_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt += 1) {
    const ok = await fetch(`${url}/api/health`).then((response) => response.ok).catch(() => false);
    if (ok) break;
    if (child.exitCode !== null || attempt > 150) throw new Error(`kiosk server did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    child,
    output: () => output,
    isRunning: () => child.exitCode === null && child.signalCode === null,
    resources: async (collect = true) => (await (await fetch(`${url}/api/debug/resources${collect ? '?collect=1' : ''}`)).json()) as ResourceReport,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null || !child.pid) return resolve();
        child.once('exit', () => resolve());
        process.kill(-child.pid, 'SIGTERM');
      }),
  };
}
