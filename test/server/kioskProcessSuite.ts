/** One kiosk server process for a describe block: started before its tests, stopped after. */

import { afterAll, beforeAll } from 'vitest';
import { startKioskProcess, type KioskProcess } from './kioskProcess.ts';

export function kioskProcessForSuite(env: Record<string, string> = {}): () => KioskProcess {
  let server: KioskProcess | null = null;
  beforeAll(async () => {
    server = await startKioskProcess(env);
  });
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error('the kiosk server has not started');
    return server;
  };
}
