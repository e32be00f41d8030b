/**
 * Screenshots of every kiosk state in both orientations, saved under
 * e2e/.artifacts/screenshots/ for people to look at (and kept as test artifacts).
 */

import { expect, test, type Page } from '@playwright/test';
import { audioClip, chromiumWithMicrophone, clipLayout, currentLoopStart, holdToTalk, sayClip, waitUntilReady } from './kiosk.ts';

test.use({ launchOptions: chromiumWithMicrophone(audioClip('order-then-confirm')) });

const SCREENSHOT_DIR = 'e2e/.artifacts/screenshots';
const ORIENTATIONS = [
  { name: 'landscape', width: 1920, height: 1080 },
  { name: 'portrait', width: 1080, height: 1920 },
] as const;

async function shot(page: Page, orientation: string, state: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${orientation}-${state}.png` });
}

for (const orientation of ORIENTATIONS) {
  test(`every ordering state, ${orientation.name}`, async ({ page }) => {
    await page.setViewportSize(orientation);
    await page.goto('/?scenario=slow_response:2500');
    await waitUntilReady(page);
    await shot(page, orientation.name, '01-attract');

    // Recording, in the middle of the spoken order so the meter moves.
    const layout = clipLayout('order-then-confirm');
    const loopStart = await currentLoopStart(page, layout);
    const now = await page.evaluate(() => Date.now());
    let speechAt = loopStart + layout.firstLeadInMs + 500;
    while (speechAt < now + 300) speechAt += layout.totalMs;
    await page.getByTestId('voice-order-button').hover();
    await page.waitForTimeout(speechAt - 600 - (await page.evaluate(() => Date.now())));
    await page.mouse.down();
    await page.waitForTimeout(800);
    await shot(page, orientation.name, '02-recording');
    await page.waitForTimeout(Math.max(0, speechAt + 1_500 - (await page.evaluate(() => Date.now()))));
    await page.mouse.up();
    await expect(page.getByTestId('voice-status')).toHaveAttribute('data-turn', 'waiting_response');
    await shot(page, orientation.name, '03-thinking');
    await expect(page.getByTestId('cart-line')).toHaveCount(1);
    await expect(page.getByTestId('assistant-reply')).toHaveAttribute('data-final', 'true');
    await shot(page, orientation.name, '04-reply-and-cart');

    await page.keyboard.press('Control+Shift+D');
    await expect(page.getByTestId('debug-panel')).toBeVisible();
    await shot(page, orientation.name, '05-debug-panel');
    await page.keyboard.press('Control+Shift+D');

    await sayClip(page, 'order-then-confirm', { phrase: 1 });
    await expect(page.getByTestId('order-confirmed')).toBeVisible();
    await shot(page, orientation.name, '06-order-confirmed');
  });

  test(`every error, ${orientation.name}`, async ({ page }) => {
    await page.setViewportSize(orientation);
    await page.goto('/?scenario=no_transcript&timeout.transcript=1000');
    await waitUntilReady(page);
    await holdToTalk(page, 600);
    await expect(page.getByTestId('voice-status')).toHaveAttribute('data-notice', 'no_transcript');
    await shot(page, orientation.name, '07-error-turn-timed-out');

    await page.goto('/?scenario=token_expired');
    await expect(page.getByTestId('connection-banner')).toBeVisible();
    await shot(page, orientation.name, '08-error-token-refused');

    await page.route('**/api/session', (route) => route.abort('connectionrefused'));
    await page.goto('/');
    await expect(page.getByTestId('connection-banner')).toHaveAttribute('data-reason', 'token_failed');
    await shot(page, orientation.name, '09-error-server-unreachable');
    await page.unroute('**/api/session');

    await page.goto('/?scenario=drop_channel_mid_turn');
    await waitUntilReady(page);
    await holdToTalk(page, 600);
    await expect(page.getByTestId('voice-status')).toHaveAttribute('data-notice', 'connection_lost');
    await shot(page, orientation.name, '10-error-connection-dropped');
  });
}
