import { tmpdir } from 'node:os';
import { defineConfig } from '@playwright/test';
import { TEST_SERVER_ENV } from './scripts/testServerEnv.ts';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 5199);
/** The suite's server keeps its orders in a folder of its own, emptied before every run. */
export const E2E_ORDERS_DIR = `${tmpdir()}/voice-kiosk-e2e-orders-${E2E_PORT}`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // Two cores: one browser at a time keeps WebRTC timing honest.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  globalSetup: './e2e/globalSetup.ts',
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `rm -rf ${E2E_ORDERS_DIR} && npx vite build --logLevel warn && npx tsx server/index.ts`,
    url: `http://127.0.0.1:${E2E_PORT}/api/health`,
    env: { ...TEST_SERVER_ENV, PORT: String(E2E_PORT), ORDERS_DATA_DIR: E2E_ORDERS_DIR, LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
