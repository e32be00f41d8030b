/**
 * A kiosk left on all day: the service ends sessions at a limit (here 30 s, through the
 * local server's SESSION_MAX_SECONDS), and the kiosk renews before it (here every 20 s),
 * between turns once the reply has been heard, without the customer seeing it: no banner,
 * no session_expired, and the order carries across every renewal, with nothing lost or
 * doubled, and the renewed session knows it: the first thing said to one can change what
 * is already ordered.
 *
 * Each new session acquires the microphone again, which restarts Chromium's looping fake
 * microphone file. Saying the first phrase can take longer than a renewal interval (up to
 * a loop to find the file's position, then a loop to reach the phrase again), so a
 * renewal may restart the file while the test waits: the phrase is timed on the track it
 * is said on, and timed again on the next session's track when a renewal overtakes it.
 */

import { expect, test } from '@playwright/test';
import { startKioskServer, type RunningServer } from '../scripts/kioskServer.ts';
import { audioClip, chromiumWithMicrophone, clipLayout, sayOnRenewingKiosk, voiceStatus, waitUntilReady } from './kiosk.ts';

const PORT = Number(process.env.E2E_PORT ?? 5199) + 41;

test.use({ launchOptions: chromiumWithMicrophone(audioClip('order-then-remove')) });

let server: RunningServer;
test.beforeAll(async () => {
  server = await startKioskServer(PORT, { SESSION_MAX_SECONDS: '30' });
});
test.afterAll(async () => {
  await server.stop();
});

test('renews the session three times while ordering: no banner, nothing lost or doubled', async ({ page }) => {
  test.setTimeout(240_000);
  const layout = clipLayout('order-then-remove');
  const connections = async () => (await voiceStatus(page)).counters.connections;
  const microphoneTrackId = async () => page.evaluate(() => window.__voiceClient?.microphoneTrack?.id);

  await page.goto(`${server.url}/?timeout.sessionRenewal=20000`);
  // Any banner, however brief, is something the customer would have seen.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __bannersSeen: string[] }).__bannersSeen = seen;
    new MutationObserver(() => {
      const banner = document.querySelector('[data-testid="connection-banner"]');
      if (banner) seen.push(banner.getAttribute('data-reason') ?? '?');
    }).observe(document.body, { childList: true, subtree: true });
  });
  await waitUntilReady(page);

  const overtaken = [await sayOnRenewingKiosk(page, layout, 0)];
  const lines = page.getByTestId('cart-line');
  await expect(lines).toHaveCount(2);
  await expect(page.getByTestId('cart-total')).toHaveText('$14.57');

  const afterOrder = await connections();
  await expect.poll(connections, { timeout: 80_000 }).toBeGreaterThanOrEqual(afterOrder + 3);
  await expect(page.getByTestId('cart-total')).toHaveText('$14.57');

  // Right after the next renewal, the same order again: added once to what the new session was told of.
  const beforeLast = await connections();
  overtaken.push(await sayOnRenewingKiosk(page, layout, 0, { notTrack: await microphoneTrackId() }));
  expect(await connections()).toBeGreaterThan(beforeLast);
  await expect(page.getByTestId('cart-total')).toHaveText('$29.14');
  await expect(page.locator('[data-testid="cart-line"][data-item-id="cheeseburger"]')).toHaveAttribute('data-quantity', '4');

  // The first words to a renewed session refer to the order it was told of (regression: its
  // agent started empty and answered "remove the coke" with "there is no coke").
  const beforeRemove = await connections();
  await expect.poll(connections, { timeout: 40_000 }).toBeGreaterThan(beforeRemove);
  overtaken.push(await sayOnRenewingKiosk(page, layout, 1, { notTrack: await microphoneTrackId() }));
  await expect(page.locator('[data-testid="cart-line"][data-item-id="coke"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="cart-line"][data-item-id="cheeseburger"]')).toHaveAttribute('data-quantity', '4');

  test.info().annotations.push({ type: 'renewals overtaking a phrase', description: overtaken.join(', ') });

  const bannersSeen = await page.evaluate(() => (window as unknown as { __bannersSeen: string[] }).__bannersSeen);
  expect(bannersSeen).toEqual([]);
  expect((await voiceStatus(page)).counters.byType['error'] ?? 0).toBe(0);
});
