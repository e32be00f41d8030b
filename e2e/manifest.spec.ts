import { expect, test } from '@playwright/test';
import { audioClip, chromiumWithMicrophone, waitUntilReady } from './kiosk.ts';

test.use({ launchOptions: chromiumWithMicrophone(audioClip('silence')) });

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose: string;
}

function pngSize(bytes: Buffer): string {
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

test('Chromium parses the kiosk app manifest without errors: full screen, the UI colours, icons that load at their sizes', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') violations.push(message.text());
  });
  await page.goto('/');
  await waitUntilReady(page);

  const cdp = await page.context().newCDPSession(page);
  const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: { message: string; critical: number }[]; data?: string };
  expect(manifest.url).toMatch(/\/manifest\.webmanifest$/);
  expect(manifest.errors).toEqual([]);
  const data = JSON.parse(manifest.data ?? '{}') as { display: string; orientation: string; theme_color: string; background_color: string; icons: ManifestIcon[] };
  expect(data).toMatchObject({ display: 'fullscreen', orientation: 'any', theme_color: '#0b6e4f', background_color: '#faf7f2' });
  // The theme colour is the header's, as the page's own stylesheet has it.
  const header = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--go').trim());
  expect(header).toBe(data.theme_color);

  const installability = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
  // A test browser context is incognito, which no manifest can change; anything else is the page's fault.
  const pageErrors = installability.installabilityErrors.map((error) => error.errorId).filter((id) => id !== 'in-incognito');
  expect(pageErrors).toEqual([]);

  for (const icon of data.icons) {
    const response = await page.request.get(icon.src);
    expect(response.status(), icon.src).toBe(200);
    expect(response.headers()['content-type']).toBe(icon.type);
    if (icon.type === 'image/png') expect(pngSize(await response.body()), icon.src).toBe(icon.sizes);
  }
  expect(data.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);

  const favicon = await page.locator('link[rel="icon"]').first().getAttribute('href');
  expect((await page.request.get(favicon!)).status()).toBe(200);
  // Under the page's Content-Security-Policy: a blocked manifest or icon would be an error here.
  expect(violations).toEqual([]);
  await cdp.detach();
});
