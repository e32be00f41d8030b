import { expect, test } from '@playwright/test';
import { audioClip, chromiumWithMicrophone, holdToTalk, waitUntilReady } from './kiosk.ts';

test.use({ launchOptions: chromiumWithMicrophone(audioClip('cheeseburger')) });

test('no_transcript: the turn times out, the status says why, and the next press records again', async ({ page }) => {
  await page.goto('/?scenario=no_transcript&timeout.transcript=1500');
  await waitUntilReady(page);
  await holdToTalk(page, 800);
  const status = page.getByTestId('voice-status');
  await expect(status).toHaveAttribute('data-turn', 'waiting_user_final');
  await expect(status).toHaveAttribute('data-notice', 'no_transcript');
  await expect(status).toHaveAttribute('data-turn', 'idle');
  await expect(status).toContainText("I didn't catch that");

  const button = page.getByTestId('voice-order-button');
  await button.hover();
  await page.mouse.down();
  await expect(status).toHaveAttribute('data-turn', 'recording');
  await expect(button).toHaveAttribute('data-mode', 'listening');
  await page.mouse.up();
});
