/** A real kiosk server process for the tests: `npx tsx server/index.ts` on a free loopback port. */

import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export const LOOPBACK = '127.0.0.1';

/** The settings server/config.ts reads; a test sets the ones it means. */
const SERVER_SETTINGS = [
  'KIOSK_MODE', 'KIOSK_TECHNICIAN_DEBUG', 'OPENAI_API_KEY', 'OPENAI_REALTIME_MODEL', 'ALLOWED_ORIGINS', 'TOKEN_TTL_SECONDS',
  'CALLS_PER_TOKEN', 'MAX_LIVE_TOKENS', 'SESSION_RATE_BURST', 'SESSION_RATE_PER_MINUTE', 'SESSION_RATE_MAX_CLIENTS',
  'LOCAL_REALTIME_KEY', 'METRICS_TOKEN', 'METRICS_ADDRESS', 'TELEMETRY_RATE_BURST', 'TELEMETRY_RATE_PER_MINUTE', 'TELEMETRY_MAX_KIOSKS',
  'OPENAI_BASE_URL',
  'DATABASE_URL', 'ORDERS_DATA_DIR', 'ORDERS_ACK_DELAY_MS',
];

export interface KioskProcess {
  port: number;
  origin: string;
  /** The exit code once the process has ended, else null. */
  exitCode: () => number | null;
  output: () => string;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, LOOPBACK, () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function spawnServer(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const base = { ...process.env };
  // The test's own settings only: nothing from the developer's shell leaks into the mode under test.
  for (const name of SERVER_SETTINGS) delete base[name];
  const child = spawn('npx', ['tsx', 'server/index.ts'], {
    // Orders in memory unless the test names a folder: no two servers share a PGlite folder.
    env: { ...base, HOST: LOOPBACK, LOG_LEVEL: 'error', ORDERS_DATA_DIR: 'memory://', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stop() reaches tsx's node child too.
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

export async function startKioskProcess(env: Record<string, string> = {}): Promise<KioskProcess> {
  const port = await freePort();
  const { child, output } = spawnServer({ PORT: String(port), ...env });
  const origin = `http://${LOOPBACK}:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 20_000;
  while (!(await isHealthy(origin))) {
    if (child.exitCode !== null) throw new Error(`kiosk server exited with ${child.exitCode}:\n${output()}`);
    if (Date.now() > deadline) throw new Error(`kiosk server did not answer /api/health:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    port,
    origin,
    exitCode: () => child.exitCode,
    output,
    stop: async () => {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
      await exited;
    },
  };
}

/** Runs the server until it exits by itself (for settings that must stop it), or fails after `timeoutMs`. */
export async function runUntilExit(env: Record<string, string>, timeoutMs = 15_000): Promise<{ code: number | null; output: string }> {
  const { child, output } = spawnServer({ PORT: String(await freePort()), ...env });
  const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  return { code, output: output() };
}

export async function isHealthy(origin: string): Promise<boolean> {
  return fetch(`${origin}/api/health`)
    .then((response) => response.ok)
    .catch(() => false);
}
