/** A kiosk with no microphone plugged in. */

import { expect, test, type Page } from '@playwright/test';
import { audioClip, chromiumWithMicrophone } from './kiosk.ts';

const button = (page: Page) => page.getByTestId('voice-order-button');

test.use({
  launchOptions: {
    ...chromiumWithMicrophone(audioClip('silence')),
    args: chromiumWithMicrophone(audioClip('silence')).args?.filter(
      (arg) => !arg.startsWith('--use-fake-device-for-media-stream') && !arg.startsWith('--use-file-for-fake-audio-capture'),
    ),
  },
});

test('says no microphone was found', async ({ page }) => {
  await page.goto('/');
  const banner = page.getByTestId('connection-banner');
  await expect(banner).toHaveAttribute('data-reason', /microphone_(missing|denied)/);
  await expect(button(page)).toHaveAttribute('data-mode', 'offline');
});
