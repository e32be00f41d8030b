/**
 * A kiosk server process of a test's own, on its own port, that the test can kill
 * (SIGTERM or SIGKILL, the whole process group: `npx` → `tsx` → node) and start again
 * on the same port, as a restaurant's server restarts under its kiosks.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { TEST_SERVER_ENV } from '../scripts/testServerEnv.ts';

export class FaultServer {
  readonly port: number;
  readonly url: string;
  private readonly env: Record<string, string>;
  /** Its embedded order store: kept across restarts, removed by `stop()`. */
  readonly ordersDir: string;
  private child: ChildProcess | null = null;
  private started = false;

  constructor(port: number, env: Record<string, string> = {}) {
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.ordersDir = `${tmpdir()}/voice-kiosk-fault-orders-${port}`;
    this.env = { ORDERS_DATA_DIR: this.ordersDir, ...env };
  }

  /** Starts the server and resolves once /api/health answers. */
  async start(): Promise<void> {
    if (this.child) throw new Error('the server is already running');
    // A fresh store for each test file's server; restarts after that keep it.
    if (!this.started) rmSync(this.ordersDir, { recursive: true, force: true });
    this.started = true;
    await waitForPortFree(this.port);
    const child = spawn('npx', ['tsx', 'server/index.ts'], {
      env: { ...process.env, ...TEST_SERVER_ENV, PORT: String(this.port), LOG_LEVEL: 'error', ...this.env },
      stdio: ['ignore', 'inherit', 'inherit'],
      detached: true,
    });
    this.child = child;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the kiosk server exited with ${child.exitCode}`);
      const ok = await fetch(`${this.url}/api/health`).then((response) => response.ok, () => false);
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Kills the whole process group and waits for it to exit and the port to be free. */
  async kill(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    this.child = null;
    const exited = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
    await exited;
    await waitForPortFree(this.port);
  }

  async stop(): Promise<void> {
    await this.kill('SIGKILL');
    rmSync(this.ordersDir, { recursive: true, force: true });
  }
}

/**
 * After SIGKILL the grandchild node process may hold the port a moment longer than npx
 * lives: try to bind it ourselves until that works.
 */
export async function waitForPortFree(port: number): Promise<void> {
  for (;;) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
