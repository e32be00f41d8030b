/** The push-to-talk button, the screen around it, and errors that offer a way on. */

import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { audioClip, chromiumWithMicrophone, serverCalls, voiceStatus, waitUntilReady } from './kiosk.ts';

const status = (page: Page) => page.getByTestId('voice-status');
const button = (page: Page) => page.getByTestId('voice-order-button');

test.use({ launchOptions: chromiumWithMicrophone(audioClip('silence')) });

test('a finger sliding off the button while held still stops recording when lifted (pointer capture)', async ({ page }) => {
  await page.goto('/');
  await waitUntilReady(page);
  await button(page).hover();
  await page.mouse.down();
  await expect(status(page)).toHaveAttribute('data-turn', 'recording');
  await page.mouse.move(5, 5, { steps: 5 });
  await page.mouse.up();
  await expect(status(page)).not.toHaveAttribute('data-turn', 'recording');
});

test('shows a level meter while recording', async ({ page }) => {
  await page.goto('/');
  await waitUntilReady(page);
  await button(page).hover();
  await page.mouse.down();
  await expect(page.getByTestId('mic-meter')).toBeVisible();
  await page.mouse.up();
  await expect(page.getByTestId('mic-meter')).toHaveCount(0);
});

test('renders under StrictMode, re-renders 100 times, and the server still sees one connection', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    // The browser asks for /favicon.ico once per browser, whichever test comes first: not the page's error.
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) errors.push(message.text());
  });
  const before = (await serverCalls(page)).length;
  await page.goto('/');
  await waitUntilReady(page);
  const resources = () => page.evaluate(() => window.__voiceClient?.getResources());
  const resourcesBefore = await resources();
  // Each toggle mounts or unmounts the debug panel and re-renders the whole screen.
  for (let index = 0; index < 100; index += 1) await page.keyboard.press('Control+Shift+D');
  await expect(page.getByTestId('debug-panel')).toHaveCount(0);
  // Fifty panels came and went: none left its refresh timer behind.
  await expect.poll(resources).toEqual(resourcesBefore);
  await button(page).hover();
  await page.mouse.down();
  await expect(status(page)).toHaveAttribute('data-turn', 'recording');
  await page.mouse.up();
  await expect(status(page)).toHaveAttribute('data-turn', 'idle');
  expect((await serverCalls(page)).length - before).toBe(1);
  expect((await voiceStatus(page)).counters.connections).toBe(1);
  expect(errors).toEqual([]);
});

test('the debug panel shows the live state, events, latency and counters, and switches scenarios', async ({ page }) => {
  await page.goto('/?debug=1');
  await waitUntilReady(page);
  const panel = page.getByTestId('debug-panel');
  await expect(panel.locator('.debug__state--active', { hasText: /^idle$/ })).toHaveCount(1);
  await expect(panel.getByTestId('debug-events')).toContainText('session.updated');
  await expect(panel.getByTestId('debug-counters')).toContainText('received');
  await button(page).hover();
  await page.mouse.down();
  await expect(panel.locator('.debug__state--active', { hasText: /^recording$/ })).toHaveCount(1);
  await page.mouse.up();
  await panel.getByTestId('debug-scenario').selectOption('burst_on_open');
  await waitUntilReady(page);
  await expect.poll(async () => (await voiceStatus(page)).counters.byType['rate_limits.updated']).toBe(50);
  expect((await voiceStatus(page)).scenario).toBe('burst_on_open');
});

test('has no serious accessibility violations (axe) on the ordering screen, debug panel and errors', async ({ page }) => {
  await page.goto('/?debug=1');
  await waitUntilReady(page);
  const serious = async () =>
    (await new AxeBuilder({ page }).analyze()).violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(await serious()).toEqual([]);
  await page.goto('/?scenario=token_expired');
  await expect(page.getByTestId('connection-banner')).toBeVisible();
  expect(await serious()).toEqual([]);
});

test('an unreachable server is explained with a countdown, retried by itself, and reached once it is back', async ({ page }) => {
  let tokenRequests = 0;
  await page.route('**/api/session', (route) => {
    tokenRequests += 1;
    return route.abort('connectionrefused');
  });
  await page.goto('/');
  const banner = page.getByTestId('connection-banner');
  await expect(banner).toHaveAttribute('data-reason', 'token_failed');
  await expect(banner).toContainText('unreachable');
  await expect(banner).toContainText(/Reconnecting in \d+ s…/);
  await expect(banner.getByRole('button', { name: 'Try now' })).toBeVisible();
  await expect(button(page)).toHaveAttribute('data-mode', 'offline');
  await expect(button(page)).toHaveAccessibleName('Tap to try now');
  // A failed retry does not end the retries: they go on by themselves while the server is away.
  await expect.poll(() => tokenRequests, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
  await page.unroute('**/api/session');
  await waitUntilReady(page);
  await expect(banner).toHaveCount(0);
});
