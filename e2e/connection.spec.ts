import { expect, test } from '@playwright/test';
import { audioClip, chromiumWithMicrophone, serverCalls, voiceStatus, waitUntilReady } from './kiosk.ts';

test.use({ launchOptions: chromiumWithMicrophone(audioClip('silence')) });

test('keeps WebRTC on loopback: the selected candidate pair is 127.0.0.1 on both ends', async ({ page }) => {
  await page.goto('/');
  await waitUntilReady(page);
  const pair = await page.evaluate(() => window.__voiceClient?.selectedCandidatePair());
  expect(pair).toEqual({ local: '127.0.0.1', remote: '127.0.0.1' });
});

test('burst_on_open: every one of the 50 events sent with session.created is counted', async ({ page }) => {
  await page.goto('/?scenario=burst_on_open');
  await waitUntilReady(page);
  const status = await voiceStatus(page);
  expect(status.counters.byType['session.created']).toBe(1);
  expect(status.counters.byType['rate_limits.updated']).toBe(50);
  expect(status.counters.malformed + status.counters.unknown + status.counters.stale).toBe(0);
});

test('React StrictMode: exactly one peer connection reaches the server', async ({ page }) => {
  const before = (await serverCalls(page)).length;
  await page.goto('/');
  await waitUntilReady(page);
  // A turn's worth of re-renders: nothing in them may reconnect.
  await page.getByTestId('voice-order-button').focus();
  await page.keyboard.down('Space');
  await expect(page.getByTestId('voice-status')).toHaveAttribute('data-turn', 'recording');
  await page.keyboard.up('Space');
  await expect(page.getByTestId('voice-status')).toHaveAttribute('data-turn', 'idle');
  const status = await voiceStatus(page);
  const calls = await serverCalls(page);
  expect(calls.length - before).toBe(1);
  expect(status.counters.connections).toBe(1);
  expect(calls.at(-1)?.sessionId).toBe(status.sessionId);
});
