import { expect, test } from '@playwright/test';
import { E2E_PORT } from '../playwright.config.ts';
import { startKioskServer, type RunningServer } from '../scripts/kioskServer.ts';
import { audioClip, chromiumWithMicrophone, waitUntilReady } from './kiosk.ts';

test.use({ launchOptions: chromiumWithMicrophone(audioClip('silence')) });

/**
 * The page against servers in production mode (not the suite's test-mode server): the
 * debug panel opens only with the technician setting and never offers fault scenarios.
 */
async function withProductionServer(env: Record<string, string>, run: (server: RunningServer) => Promise<void>): Promise<void> {
  const server = await startKioskServer(E2E_PORT + 1, { KIOSK_MODE: 'production', ...env });
  try {
    await run(server);
  } finally {
    await server.stop();
  }
}

test('in production the debug panel stays shut, by address or by keyboard', async ({ page }) => {
  await withProductionServer({}, async (server) => {
    await page.goto(`${server.url}/?debug=1`);
    await waitUntilReady(page);
    await page.keyboard.press('Control+Shift+D');
    await page.keyboard.press('Control+Shift+D');
    await expect(page.getByTestId('debug-panel')).toHaveCount(0);
  });
});

test('in production with KIOSK_TECHNICIAN_DEBUG=1 the debug panel opens, without the scenario switch', async ({ page }) => {
  await withProductionServer({ KIOSK_TECHNICIAN_DEBUG: '1' }, async (server) => {
    await page.goto(`${server.url}/?debug=1`);
    await waitUntilReady(page);
    const panel = page.getByTestId('debug-panel');
    await expect(panel.getByTestId('debug-events')).toContainText('session.updated');
    await expect(panel.getByTestId('debug-scenario')).toHaveCount(0);
  });
});
