import { expect, test } from '@playwright/test';
import { audioClip, chromiumWithMicrophone, sayClip, serverCalls, voiceStatus, waitUntilReady } from './kiosk.ts';

test.use({ launchOptions: chromiumWithMicrophone(audioClip('order-then-remove')) });

test('orders by voice: two cheeseburgers and a large coke, hears the reply, then removes the coke', async ({ page }) => {
  await page.goto('/');
  await waitUntilReady(page);

  await sayClip(page, 'order-then-remove', { phrase: 0 });
  await expect(page.getByTestId('user-transcript')).toHaveText("i'd like two cheeseburgers and a large coke");
  const lines = page.getByTestId('cart-line');
  await expect(lines).toHaveCount(2);
  await expect(page.locator('[data-testid="cart-line"][data-item-id="cheeseburger"]')).toHaveAttribute('data-quantity', '2');
  await expect(page.locator('[data-testid="cart-line"][data-item-id="coke"]')).toContainText('Large Coke');
  // 2 × $5.99 + a large coke at $2.59
  await expect(page.getByTestId('cart-total')).toHaveText('$14.57');
  await expect(page.getByTestId('assistant-reply')).toHaveText('Two cheeseburgers and a large coke added. Anything else?');

  // The reply was spoken: the server sent voice frames and the browser received audio with energy in it.
  await expect.poll(async () => (await voiceStatus(page)).counters.byType['output_audio_buffer.stopped'] ?? 0).toBeGreaterThan(0);
  const status = await voiceStatus(page);
  const call = (await serverCalls(page)).find((entry) => entry.sessionId === status.sessionId);
  expect(call?.voiceFramesSent).toBeGreaterThan(50);
  const inbound = await page.evaluate(() => window.__voiceClient?.inboundAudioStats());
  expect(inbound?.packetsReceived).toBeGreaterThan(50);
  expect(inbound?.totalAudioEnergy).toBeGreaterThan(0);

  // Each response says which request it answers: the tag the kiosk sent in response.metadata.
  const created = (await page.evaluate(() => window.__voiceClient?.getEvents() ?? [])).filter(
    (event) => event.direction === 'in' && event.type === 'response.created',
  );
  expect(created.length).toBeGreaterThan(0);
  for (const event of created) expect(event.raw).toMatch(/"metadata":\{"kiosk_request":"\d+"\}/);

  await sayClip(page, 'order-then-remove', { phrase: 1 });
  await expect(page.getByTestId('user-transcript')).toHaveText('remove the coke');
  await expect(lines).toHaveCount(1);
  await expect(page.locator('[data-testid="cart-line"][data-item-id="cheeseburger"]')).toHaveAttribute('data-quantity', '2');
  await expect(page.getByTestId('cart-total')).toHaveText('$11.98');
  await expect(page.getByTestId('assistant-reply')).toHaveText('Coke removed. Anything else?');
});
