import { expect, test } from '@playwright/test';
import { audioClip, chromiumWithMicrophone, sayClip, serverCalls, voiceStatus, waitUntilReady } from './kiosk.ts';

test.use({ launchOptions: chromiumWithMicrophone(audioClip('cheeseburger')) });

test('a full push-to-talk turn shows the transcript and the reply, returns to idle, and the server heard audio', async ({ page }) => {
  await page.goto('/');
  await waitUntilReady(page);

  await sayClip(page, 'cheeseburger');

  await expect(page.getByTestId('user-transcript')).toHaveText("i'd like a cheeseburger");
  await expect(page.getByTestId('user-transcript')).toHaveAttribute('data-final', 'true');
  await expect(page.getByTestId('assistant-reply')).toHaveText('A cheeseburger added. Anything else?');
  await expect(page.getByTestId('voice-status')).toHaveAttribute('data-turn', 'idle');

  const status = await voiceStatus(page);
  expect(status.lastAudioStats?.packets).toBeGreaterThan(40);
  const calls = await serverCalls(page);
  const mine = calls.find((call) => call.sessionId === status.sessionId);
  expect(mine?.turns).toHaveLength(1);
  expect(mine?.turns[0]?.packets).toBeGreaterThan(40);
  console.log(`server received ${mine?.turns[0]?.packets} packets (${mine?.turns[0]?.bytes} bytes) in the turn`);
});

test('the debug panel draws the turn as a waterfall from the release: the client part, then what it waited for', async ({ page }) => {
  await page.goto('/?debug=1');
  await waitUntilReady(page);
  const panel = page.getByTestId('debug-panel');
  await expect(panel.getByTestId('debug-waterfall-empty')).toBeVisible();

  await sayClip(page, 'cheeseburger');
  await expect(page.getByTestId('assistant-reply')).toHaveText('A cheeseburger added. Anything else?');

  const waterfall = panel.getByTestId('debug-waterfall');
  await expect(waterfall).toBeVisible();
  await expect(waterfall.locator('g[data-owner]')).toHaveCount(4);
  await expect(waterfall.locator('g[data-owner="client"]')).toContainText('release → commit sent');
  await expect(waterfall).toHaveAttribute('aria-label', /transcript → first audio \d+ ms/);
});
