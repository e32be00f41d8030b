/** A customer (or a browser policy) refuses the microphone. */

import { expect, test, type Page } from '@playwright/test';
import { audioClip, chromiumWithMicrophone } from './kiosk.ts';

const button = (page: Page) => page.getByTestId('voice-order-button');

test.use({
  launchOptions: {
    ...chromiumWithMicrophone(audioClip('silence')),
    args: chromiumWithMicrophone(audioClip('silence')).args?.filter((arg) => arg !== '--use-fake-ui-for-media-stream'),
  },
});

test('says how to allow the microphone and the button offers another try', async ({ page }) => {
  await page.goto('/');
  const banner = page.getByTestId('connection-banner');
  await expect(banner).toHaveAttribute('data-reason', 'microphone_denied');
  await expect(banner).toContainText('Allow microphone access');
  await expect(button(page)).toHaveAttribute('data-mode', 'offline');
});
