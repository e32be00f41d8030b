/** The kiosk as a customer uses it: by pointer, keyboard and touch, from the attract screen to the confirmation. */

import { expect, test, type Page } from '@playwright/test';
import { audioClip, chromiumWithMicrophone, sayClip, serverCalls, voiceStatus, waitUntilReady } from './kiosk.ts';

const status = (page: Page) => page.getByTestId('voice-status');
const button = (page: Page) => page.getByTestId('voice-order-button');

test.use({ launchOptions: chromiumWithMicrophone(audioClip('order-then-confirm')) });

test('a customer orders by pointer from the attract screen to the confirmation, then the next customer starts fresh', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('attract')).toBeVisible();
  await waitUntilReady(page);
  await sayClip(page, 'order-then-confirm', { phrase: 0 });
  await expect(page.getByTestId('attract')).toHaveCount(0);
  await expect(page.getByTestId('user-transcript')).toHaveText("i'd like a cheeseburger");
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await expect(page.getByTestId('cart-total')).toHaveText('$5.99');

  await sayClip(page, 'order-then-confirm', { phrase: 1 });
  const confirmed = page.getByTestId('order-confirmed');
  await expect(confirmed).toBeVisible();
  await expect(confirmed).toContainText('Total $5.99');
  await confirmed.getByRole('button', { name: 'Start a new order' }).click();
  await expect(confirmed).toHaveCount(0);
  await expect(page.getByTestId('cart-line')).toHaveCount(0);
  await expect(page.getByTestId('user-transcript')).toHaveText('…');
});

test('a customer orders with the keyboard: Tab to the button, hold Space', async ({ page }) => {
  await page.goto('/');
  await waitUntilReady(page);
  // Tab through the page until the button has focus, as a keyboard user would.
  for (let presses = 0; presses < 10; presses += 1) {
    if (await button(page).evaluate((element) => element === document.activeElement)) break;
    await page.keyboard.press('Tab');
  }
  await expect(button(page)).toBeFocused();
  await sayClip(page, 'order-then-confirm', { phrase: 0, how: 'keyboard' });
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
});

test('a customer orders by touch', async ({ browser }) => {
  const context = await browser.newContext({ hasTouch: true });
  const page = await context.newPage();
  await page.goto('/');
  await waitUntilReady(page);
  await sayClip(page, 'order-then-confirm', { phrase: 0, how: 'touch' });
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await context.close();
});

test('a press while the assistant speaks stops it and records at once (barge-in)', async ({ page }) => {
  await page.goto('/');
  await waitUntilReady(page);
  await sayClip(page, 'order-then-confirm', { phrase: 0 });
  await expect(button(page)).toHaveAttribute('data-mode', 'speaking');
  await button(page).hover();
  // The customer hears the start of the reply, then interrupts it.
  await page.waitForTimeout(600);
  await page.mouse.down();
  await expect(status(page)).toHaveAttribute('data-turn', 'recording');
  await expect(button(page)).toHaveAttribute('data-mode', 'listening');
  await expect.poll(async () => (await voiceStatus(page)).counters.byType['output_audio_buffer.cleared'] ?? 0).toBe(1);
  const sent = (await page.evaluate(() => window.__voiceClient?.getEvents() ?? [])).filter((event) => event.direction === 'out').map((event) => event.type);
  expect(sent).toContain('output_audio_buffer.clear');
  // The conversation keeps only what was heard: the reply is cut where the customer cut it.
  await expect.poll(async () => (await voiceStatus(page)).counters.byType['conversation.item.truncated'] ?? 0).toBe(1);
  const { sessionId } = await voiceStatus(page);
  const call = (await serverCalls(page)).find((entry) => entry.sessionId === sessionId);
  const [cut] = call?.truncations ?? [];
  console.log(`barge-in: reply cut at ${cut?.audioEndMs} ms of ${cut?.audioMs} ms`);
  expect(call?.truncations).toHaveLength(1);
  expect(cut?.audioEndMs).toBeGreaterThan(0);
  expect(cut?.audioEndMs).toBeLessThan(cut?.audioMs ?? 0);
  await page.mouse.up();
});

test('a quiet kiosk returns to the attract screen with a fresh conversation', async ({ page }) => {
  await page.goto('/?kiosk.idleReset=4000');
  await waitUntilReady(page);
  await sayClip(page, 'order-then-confirm', { phrase: 0 });
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await expect(page.getByTestId('attract')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('cart-line')).toHaveCount(0);
});
