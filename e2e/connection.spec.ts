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

test('connects before it renders: the token request leaves before the screen is fetched, the debug panel loads only when opened, scripts arrive compressed', async ({ page }) => {
  const requests: string[] = [];
  const encodings = new Map<string, string | undefined>();
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (path.endsWith('.js')) encodings.set(path, response.headers()['content-encoding']);
  });
  await page.goto('/');
  await waitUntilReady(page);
  const token = requests.indexOf('/api/session');
  const screen = requests.findIndex((path) => /\/assets\/mountKiosk-[\w-]+\.js$/.test(path));
  expect(token).toBeGreaterThanOrEqual(0);
  expect(screen).toBeGreaterThan(token);
  expect(requests.some((path) => /DebugPanel-/.test(path))).toBe(false);
  expect([...encodings.values()].every((encoding) => encoding === 'br')).toBe(true);

  await page.keyboard.press('Control+Shift+D');
  await expect(page.getByTestId('debug-panel')).toBeVisible();
  expect(requests.some((path) => /\/assets\/DebugPanel-[\w-]+\.js$/.test(path))).toBe(true);
});

test('a kiosk told to wait for the first press (?autoconnect=0) shows its screen without connecting', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await page.goto('/?autoconnect=0');
  await expect(page.getByTestId('voice-order-button')).toBeVisible();
  expect(requests).not.toContain('/api/session');
});
