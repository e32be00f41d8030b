/** Starts the built kiosk server on a port for a script (benchmarks), and stops it. */

import { spawn, type ChildProcess } from 'node:child_process';
import { TEST_SERVER_ENV } from './testServerEnv.ts';

export interface RunningServer {
  url: string;
  stop: () => Promise<void>;
}

export async function startKioskServer(port: number, env: Record<string, string> = {}): Promise<RunningServer> {
  // Its own process group, so stop() reaches tsx's node child too.
  const child: ChildProcess = spawn('npx', ['tsx', 'server/index.ts'], {
    env: { ...process.env, ...TEST_SERVER_ENV, PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const ok = await fetch(`${url}/api/health`).then((response) => response.ok).catch(() => false);
    if (ok) break;
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      }),
  };
}
